using ModelContextProtocol;
using Npgsql;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// Turns what went wrong into a tool error the model can act on: the database's own message (a constraint named and
/// explained, a refused privilege with the login that lacks it), never a stack trace. The SDK reports an
/// <see cref="McpException"/>'s message to the client and hides every other exception's, so each known failure is
/// rethrown as one here.
/// </summary>
public static class ToolErrors
{
    public static async Task<T> GuardAsync<T>(AgentDatabase database, Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (PostgresException e)
        {
            throw new McpException(Describe(e, database.Login), e);
        }
        catch (NpgsqlException e) when (e.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            throw new McpException($"cannot reach the database: {e.Message}", e);
        }
    }

    public static string Describe(PostgresException error, string login)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            return CliDatabase.ConstraintMessage(error);
        }

        var text = string.IsNullOrWhiteSpace(error.Hint) ? error.MessageText : $"{error.MessageText}. {error.Hint}";
        return error.SqlState == PostgresErrorCodes.InsufficientPrivilege
            ? $"the database refused: {text} (login {login} lacks the privilege; an administrator grants it)"
            : $"the database refused: {text} (SQLSTATE {error.SqlState})";
    }
}
