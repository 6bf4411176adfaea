using System.Text.Json.Serialization;

namespace Trading.Orchestrator.Cli;

/// <summary>A decision as `decide --wait` reports it: its terminal status, the reason, and the fill when executed.</summary>
public sealed record DecisionOutcome(
    long Id,
    string Account,
    string Symbol,
    string Decision,
    string Status,
    string? Reason,
    long? OrderId,
    TimeSpan? Latency,
    string? Side,
    decimal? Quantity,
    decimal? Price,
    decimal? Notional,
    decimal? Fee,
    decimal? SlippageCost)
{
    [JsonIgnore]
    public bool IsTerminal => Status != "pending";
}
