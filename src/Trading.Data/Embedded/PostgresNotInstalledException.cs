namespace Trading.Data.Embedded;

/// <summary>The embedded default needs PostgreSQL's server programs and they are not installed.</summary>
public sealed class PostgresNotInstalledException : Exception
{
    public PostgresNotInstalledException()
    {
    }

    public PostgresNotInstalledException(string message)
        : base(message)
    {
    }

    public PostgresNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
