namespace Trading.Strategies.Backtesting;

/// <summary>The simulated account when bars closed: cash, positions at their marks (the newest quote before the close).</summary>
public readonly record struct EquityPoint(DateTimeOffset Time, decimal Equity, decimal Cash, decimal PositionsValue, int OpenPositions);
