using Npgsql;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>A query's rows as column → value maps (<see cref="CliRows"/>): view columns are the tools' JSON keys.</summary>
public static class McpRows
{
    public static async Task<List<Dictionary<string, object?>>> ReadAsync(
        AgentDatabase database, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return await CliRows.ReadAsync(command, cancellationToken);
    }
}
