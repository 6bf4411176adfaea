namespace Trading.Strategies.Comparisons;

/// <summary>One point of an equity curve (cash + positions at their marks).</summary>
public readonly record struct EquityValue(DateTimeOffset Time, decimal Equity);
