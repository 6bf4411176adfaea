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

    /// <summary>The terminal (or placed) status of each decision finished, for the run summary.</summary>
    public IReadOnlyList<Trading.Engine.Primitives.DecisionStatus> Statuses { get; init; } = [];

    /// <summary>The rejected decisions with their reasons, logged one by one at debug level.</summary>
    public IReadOnlyList<(long DecisionId, string Account, string Reason)> Rejections { get; init; } = [];

    public int Fills { get; init; }

    /// <summary>Each finished decision's time from its insert to this batch's clock, in milliseconds.</summary>
    public IReadOnlyList<double> LatenciesMs { get; init; } = [];

    /// <summary>
    /// Whether the batch moved anything on. An account can be claimed and make no progress (its decisions wait for a
    /// delayed quote): then the caller waits for a signal instead of claiming it again at once.
    /// </summary>
    public bool MadeProgress => Count > 0 || OrderChanges > 0;

    /// <summary>
    /// Whether work may be left that existed when the batch was claimed: it took as many accounts as one batch takes,
    /// or as many decisions as one account gives, or a slice of a longer quote path. A batch that took less took all
    /// there was, except what other batches held: the next claim waits for news instead of finding nothing.
    /// </summary>
    public bool MayHaveMore { get; init; }
}
