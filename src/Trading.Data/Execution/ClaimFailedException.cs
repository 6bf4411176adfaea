namespace Trading.Data.Execution;

/// <summary>
/// Loading a claimed batch failed after accounts were locked (e.g. a row the engine cannot read). Carries what the claim
/// had taken by then, so the caller can isolate it like a failed batch: the accounts locked, and the pending decisions
/// read (empty when the failure came before they were read).
/// </summary>
public sealed class ClaimFailedException : Exception
{
    public ClaimFailedException()
    {
    }

    public ClaimFailedException(string message)
        : base(message)
    {
    }

    public ClaimFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClaimFailedException(IReadOnlyList<string> accounts, IReadOnlyList<long> decisionIds, Exception innerException)
        : base($"Loading the claim of {string.Join(", ", accounts ?? [])} failed: {innerException?.Message}", innerException)
    {
        Accounts = accounts ?? [];
        DecisionIds = decisionIds ?? [];
    }

    public IReadOnlyList<string> Accounts { get; } = [];

    public IReadOnlyList<long> DecisionIds { get; } = [];
}
