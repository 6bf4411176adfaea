namespace Trading.Orchestrator.Execution;

/// <summary>What one execution transaction did: the decisions it finished and the accounts it held.</summary>
public sealed record BatchOutcome(IReadOnlyList<long> DecisionIds, IReadOnlyList<string> Accounts)
{
    public static readonly BatchOutcome Empty = new([], []);

    public int Count => DecisionIds.Count;
}
