namespace Trading.Strategies.Backtesting;

/// <summary>
/// What a run consumed and where it ended. <see cref="WarmUpBars"/>: bars on which the strategy's indicators were not
/// all defined yet (no signal possible); <see cref="LeadInBars"/>: bars closing at or before the start, which only
/// warm the indicators up. Figures such as win rate, drawdown or Sharpe are computed from the stored trades and
/// equity, by the same query as an account's.
/// </summary>
public sealed record BacktestSummary(
    long Events,
    DateTimeOffset? FirstEvent,
    DateTimeOffset? LastEvent,
    long Bars,
    long WarmUpBars,
    long LeadInBars,
    long Signals,
    long Decisions,
    long Fills,
    long Trades,
    decimal InitialCapital,
    decimal FinalCash,
    decimal FinalEquity,
    decimal TotalFees,
    decimal RealizedNetPnl,
    int OpenPositions,
    string? HaltReason)
{
    public decimal NetPnl => FinalEquity - InitialCapital;

    /// <summary>How many times the engine ran (a decision to execute, or a quote that could move a working order).</summary>
    public long EngineCalls { get; init; }
}
