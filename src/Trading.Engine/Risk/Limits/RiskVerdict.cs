namespace Trading.Engine.Risk.Limits;

/// <summary>
/// Allowed, or rejected by <see cref="LimitName"/> with the figures that breached it.
/// <see cref="HaltAccount"/>: a loss limit is breached; set the account's halted flag and reason.
/// </summary>
public sealed record RiskVerdict(bool Allowed, string? LimitName, string Figures, bool HaltAccount)
{
    public static RiskVerdict Pass { get; } = new(true, null, "within risk limits", false);

    /// <summary>The decision's status reason, e.g. "risk limit max_order_notional: ...".</summary>
    public string Reason => Allowed ? Figures : $"risk limit {LimitName}: {Figures}";
}
