namespace Trading.Engine.Faults;

/// <summary>
/// The faults drawn for one decision. A rejection (exchange-like or stale quote) ends the decision with
/// <see cref="RejectionReason"/>; otherwise <see cref="PartialFraction"/> caps the filled share and
/// <see cref="ExtraLatency"/> delays the execution. Every reason starts with <see cref="Prefix"/>.
/// </summary>
public sealed record InjectedFaults(string? RejectionReason, decimal? PartialFraction, TimeSpan ExtraLatency)
{
    public const string Prefix = "injected fault: ";

    public static readonly InjectedFaults Nothing = new(null, null, TimeSpan.Zero);

    public bool Rejects => RejectionReason is not null;

    /// <summary>The reason to append to a partial fill's status, or null when the fill is whole.</summary>
    public string? PartialReason => PartialFraction is { } f
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix}partial fill, {f:P0} of the order's quantity")
        : null;
}
