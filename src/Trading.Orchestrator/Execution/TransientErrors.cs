using Npgsql;

namespace Trading.Orchestrator.Execution;

/// <summary>Errors worth retrying as they are: the database went away, restarted, or chose this transaction as a victim.</summary>
public static class TransientErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException p => p.IsTransient
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.SerializationFailure
                or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable
            || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or System.Net.Sockets.SocketException,
        IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        // Npgsql's own "Connection is not open" after the server cut the session: the connection, not the decision, failed.
        InvalidOperationException { Source: "Npgsql" } => true,
        BatchFailedException b => b.InnerException is not null && IsTransient(b.InnerException),
        _ => false,
    };
}
