namespace Trading.Data.Comparisons;

/// <summary>
/// A strategy session as a comparison needs it: what it ran (config and checksum), where (account, mode) and over which
/// market period (its first to last decision's price time; null before its first decision).
/// </summary>
public sealed record PaperSession(
    long Id,
    string Name,
    string Account,
    string Mode,
    string Status,
    string ConfigJson,
    string? Checksum,
    DateTimeOffset StartedAt,
    DateTimeOffset ActFrom,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? FirstDecision,
    DateTimeOffset? LastDecision)
{
    public bool IsReplay => string.Equals(Mode, "replay", StringComparison.Ordinal);
}
