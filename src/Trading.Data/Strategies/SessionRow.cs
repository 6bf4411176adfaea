namespace Trading.Data.Strategies;

/// <summary>A running strategy session as the runner reads it.</summary>
public sealed record SessionRow(
    long Id,
    string Name,
    string ConfigJson,
    string? Checksum,
    string Account,
    string Mode,
    DateTimeOffset ActFrom,
    DateTimeOffset? LastBarClose)
{
    /// <summary>Bars closing after this are acted on: the last one acted on, else the session's start.</summary>
    public DateTimeOffset ActedThrough => LastBarClose ?? ActFrom;

    /// <summary>A replay session prices each decision as of its bar's close; a live one as of the decision's creation.</summary>
    public bool IsReplay => string.Equals(Mode, "replay", StringComparison.Ordinal);
}
