namespace Trading.Orchestrator.Execution;

/// <summary>
/// What one execution transaction did: the decisions it finished, the accounts it held, and how many orders and
/// cancel requests it changed or answered.
/// </summary>
public sealed record BatchOutcome(IReadOnlyList<long> DecisionIds, IReadOnlyList<string> Accounts)
{
    public static readonly BatchOutcome Empty = new([], []);

    public int Count => DecisionIds.Count;

    public int OrderChanges { get; init; }

    /// <summary>
    /// Whether the batch moved anything on. An account can be claimed and make no progress (its decisions wait for a
    /// delayed quote): then the caller waits for a signal instead of claiming it again at once.
    /// </summary>
    public bool MadeProgress => Count > 0 || OrderChanges > 0;
}
