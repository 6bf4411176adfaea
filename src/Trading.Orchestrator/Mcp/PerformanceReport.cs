using Trading.Orchestrator.Reports;

namespace Trading.Orchestrator.Mcp;

/// <summary>An account's metrics, each promotion gate with its figure and rule, and whether all of them pass.</summary>
public sealed record PerformanceReport(PerformanceMetrics Metrics, IReadOnlyList<GateResult> Gates, bool Passed);
