using Npgsql;
using Trading.Data.Embedded;
using Trading.Data.Migrations;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// What a command that failed says: one line a person can act on, and the exit code scripts rely on. The trace is for
/// <c>--verbose</c>; a connection string's password never appears (Npgsql's messages name keys, not values).
/// </summary>
public static class ErrorReport
{
    // The server would not let this login in, here: the database does not exist, the password is wrong, no slot is free.
    private static readonly HashSet<string> ConnectionRefusals =
    [
        PostgresErrorCodes.InvalidCatalogName, PostgresErrorCodes.InvalidPassword, PostgresErrorCodes.InvalidAuthorizationSpecification,
        PostgresErrorCodes.TooManyConnections, PostgresErrorCodes.CannotConnectNow,
    ];

    public static (string Message, int ExitCode) Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            MigrationException e => (e.Message, ExitCodes.MigrationRefused),
            PostgresNotInstalledException e => (e.Message, ExitCodes.DatabaseUnavailable),
            PostgresException e when ConnectionRefusals.Contains(e.SqlState) =>
                ($"cannot use the database: {e.MessageText} (SQLSTATE {e.SqlState})", ExitCodes.DatabaseUnavailable),
            PostgresException e => ($"the database refused: {e.MessageText} (SQLSTATE {e.SqlState}{Where(e)})", ExitCodes.Failure),
            NpgsqlException e when e.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException =>
                ($"cannot reach the database: {e.Message}", ExitCodes.DatabaseUnavailable),
            // A malformed connection string fails in Npgsql's or System.Data's parser, before any connection is tried.
            ArgumentException e when e.Source is "Npgsql" or "System.Data.Common" =>
                ($"invalid connection string: {e.Message}", ExitCodes.BadArguments),
            _ => ($"unexpected error: {error.GetType().Name}: {error.Message}", ExitCodes.Failure),
        };
    }

    private static string Where(PostgresException e) =>
        e.Where is { Length: > 0 } where ? $"; {where.Split('\n')[0]}" : string.Empty;
}
