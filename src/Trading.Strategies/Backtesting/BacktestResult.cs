using Trading.Engine.Execution;

namespace Trading.Strategies.Backtesting;

/// <summary>Everything a backtest produced, in the order it happened, and what it consumed.</summary>
public sealed record BacktestResult(
    IReadOnlyList<BacktestDecision> Decisions,
    IReadOnlyList<ExecutedFill> Fills,
    IReadOnlyList<EquityPoint> Equity,
    decimal FinalCash,
    long Events,
    long Bars,
    long WarmUpBars)
{
    public IEnumerable<Trading.Engine.Positions.ClosedTrade> Trades => Fills.SelectMany(f => f.Trades);
}
