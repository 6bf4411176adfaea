namespace Trading.Strategies.Backtesting;

/// <summary>The account's equity (cash + positions at their marks) when a bar closed.</summary>
public readonly record struct EquityPoint(DateTimeOffset Time, decimal Equity, decimal Cash);
