namespace Trading.Strategies.Backtesting;

/// <summary>A sink that keeps everything in memory, in order: for tests, the look-ahead check and storing a run.</summary>
public sealed class BacktestRecording : IBacktestSink
{
    public List<BacktestDecision> Decisions { get; } = [];

    public List<BacktestFill> Fills { get; } = [];

    public List<BacktestTrade> Trades { get; } = [];

    public List<EquityPoint> EquityCurve { get; } = [];

    public void Decision(BacktestDecision decision) => Decisions.Add(decision);

    public void Fill(BacktestFill fill) => Fills.Add(fill);

    public void Trade(BacktestTrade trade) => Trades.Add(trade);

    public void Equity(EquityPoint point) => EquityCurve.Add(point);
}
