namespace Trading.Data.Execution;

/// <summary>
/// One mark-to-market tick: how many accounts reached a new equity peak, and the accounts left out because a figure of
/// theirs is beyond what a snapshot column holds (every other account was snapshot all the same).
/// </summary>
public sealed record SnapshotResult(int Peaks, IReadOnlyList<string> BeyondRange);
