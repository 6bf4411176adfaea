using System.Text.Json.Serialization;

namespace Trading.Orchestrator.Cli;

/// <summary>A cancel request as `cancel` reports it: pending, or the orchestrator's answer (done / rejected) and why.</summary>
public sealed record CancelOutcome(
    long RequestId,
    string Account,
    long? OrderId,
    long? DecisionId,
    string Status,
    string? Outcome,
    TimeSpan? Latency)
{
    [JsonIgnore]
    public bool IsTerminal => Status != "pending";

    [JsonIgnore]
    public string Target => OrderId is { } order ? $"order {order}" : $"decision {DecisionId}";
}
