namespace Trading.Orchestrator.Comparisons;

/// <summary>A comparison that cannot be made, with the sentence that says why (unknown session or run, no backtest).</summary>
public sealed class ComparisonException(string message) : Exception(message)
{
    public ComparisonException()
        : this("the comparison cannot be made")
    {
    }

    public ComparisonException(string message, Exception inner)
        : this(message + ": " + inner?.Message)
    {
    }
}
