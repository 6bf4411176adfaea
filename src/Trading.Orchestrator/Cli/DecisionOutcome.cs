using System.Text.Json.Serialization;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// A decision as `decide --wait` reports it: its terminal status, the reason, the fill so far when it executed (or
/// partly filled before resting), and for a placed decision its order's working status and remaining quantity.
/// </summary>
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
    decimal? SlippageCost,
    string? OrderStatus,
    decimal? RemainingQuantity)
{
    /// <summary>The instrument's price step, to show the fill price as the venue would (null: shown exact).</summary>
    [JsonIgnore]
    public decimal? Tick { get; init; }

    /// <summary>The instrument's quantity step.</summary>
    [JsonIgnore]
    public decimal? Lot { get; init; }

    [JsonIgnore]
    public bool IsTerminal => Status != "pending";

    /// <summary>Executed, or placed: its order rests in the book (both are what the decision asked for).</summary>
    [JsonIgnore]
    public bool Succeeded => Status is "executed" or "placed";
}
