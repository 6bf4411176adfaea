namespace Trading.Orchestrator.Comparisons;

/// <summary>
/// A comparison that cannot be made, with the sentence that says why; <see cref="NotFound"/> when a session or run the
/// caller named does not exist (or is not visible to its login), else there was nothing to compare with.
/// </summary>
public sealed class ComparisonException : Exception
{
    public ComparisonException()
        : this("the comparison cannot be made")
    {
    }

    public ComparisonException(string message)
        : this(message, notFound: false)
    {
    }

    public ComparisonException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ComparisonException(string message, bool notFound)
        : base(message) => NotFound = notFound;

    public bool NotFound { get; }
}
