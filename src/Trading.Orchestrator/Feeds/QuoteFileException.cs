namespace Trading.Orchestrator.Feeds;

/// <summary>A replay file that cannot be loaded, with the 1-based line and column at fault.</summary>
public sealed class QuoteFileException : Exception
{
    public QuoteFileException()
    {
    }

    public QuoteFileException(string message)
        : base(message)
    {
    }

    public QuoteFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QuoteFileException(long line, int column, string columnName, string problem)
        : base($"line {line}, column {column} ({columnName}): {problem}")
    {
        Line = line;
        Column = column;
    }

    public long Line { get; }

    public int Column { get; }
}
