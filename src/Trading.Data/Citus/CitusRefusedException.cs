namespace Trading.Data.Citus;

/// <summary>The Citus mode of the migrator cannot distribute this database; the message says why and what to do.</summary>
public sealed class CitusRefusedException : Exception
{
    public CitusRefusedException()
    {
    }

    public CitusRefusedException(string message)
        : base(message)
    {
    }

    public CitusRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
