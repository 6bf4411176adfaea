namespace Trading.Orchestrator.Reports;

/// <summary>One promotion gate: the figure, the rule it must meet, and whether it does. Figure null: not measurable yet.</summary>
public sealed record GateResult(string Gate, decimal? Figure, string Rule, decimal Threshold, bool Passed);
