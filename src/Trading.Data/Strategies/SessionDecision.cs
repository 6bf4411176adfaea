namespace Trading.Data.Strategies;

/// <summary>A decision a session writes for one bar: a trading_decisions row with the session's attribution.</summary>
public sealed record SessionDecision(
    string Symbol,
    string Verb,
    decimal Confidence,
    decimal? RiskScore,
    decimal? Quantity,
    decimal? Notional,
    decimal? CurrentPrice,
    decimal? StopLossPct,
    decimal? TakeProfitPct,
    decimal? TrailingStopPct,
    string Reasoning);
