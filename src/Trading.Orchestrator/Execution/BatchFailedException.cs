namespace Trading.Orchestrator.Execution;

/// <summary>A batch failed with an unexpected (non-transient) error and was rolled back; says which decisions it held.</summary>
public sealed class BatchFailedException : Exception
{
    public BatchFailedException()
    {
    }

    public BatchFailedException(string message)
        : base(message)
    {
    }

    public BatchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BatchFailedException(BatchOutcome claimed, Exception innerException)
        : base($"Batch of {claimed.Count} decisions failed and was rolled back: {innerException?.Message}", innerException)
    {
        Claimed = claimed;
    }

    public BatchOutcome Claimed { get; } = BatchOutcome.Empty;
}
