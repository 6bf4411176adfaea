namespace Trading.Orchestrator.Reports;

/// <summary>One point of the equity curve: the snapshot's total value and its drawdown from the running peak.</summary>
public sealed record EquityPoint(DateTimeOffset Time, decimal TotalValue, decimal Drawdown, decimal DrawdownPct);
