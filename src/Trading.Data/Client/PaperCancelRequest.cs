namespace Trading.Data.Client;

/// <summary>
/// A row of paper_cancel_requests: name a resting order (<see cref="OrderId"/>) or a pending decision
/// (<see cref="DecisionId"/>). The settable properties are the columns 0008 lets trading_agent INSERT; the status and the
/// outcome are the orchestrator's, read back with <c>Entry(request).ReloadAsync()</c>.
/// </summary>
public sealed class PaperCancelRequest
{
    public long RequestId { get; private set; }

    public required string Account { get; set; }

    public long? OrderId { get; set; }

    public long? DecisionId { get; set; }

    public string? Agent { get; set; }

    public string? Reason { get; set; }

    /// <summary>pending, then done or rejected.</summary>
    public string Status { get; private set; } = "pending";

    public string? Outcome { get; private set; }

    public DateTime RequestedAt { get; private set; }

    public DateTime? ProcessedAt { get; private set; }

    public string? Login { get; private set; }
}
