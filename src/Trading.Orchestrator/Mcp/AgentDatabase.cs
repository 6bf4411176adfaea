using Npgsql;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// The database as the MCP server's login sees it: the agent's own connection, never a privileged one, so what a tool
/// may read or write is whatever the database grants that login. <see cref="CanReadFills"/> is learnt once at start-up:
/// 0005 gives agents no SELECT on paper_orders and paper_fills, and a login that has it (an owner trying the server out,
/// or an agent once isolation grants it) gets the fill figures in a decision's outcome.
/// </summary>
public sealed class AgentDatabase(NpgsqlDataSource dataSource, bool canReadFills, string login)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public bool CanReadFills { get; } = canReadFills;

    /// <summary>The role the server acts as (current_user), for messages about what it may not do.</summary>
    public string Login { get; } = login;

    public static async Task<AgentDatabase> ConnectAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var probe = dataSource.CreateCommand(
            "SELECT current_user::text, has_table_privilege('paper_orders', 'SELECT') AND has_table_privilege('paper_fills', 'SELECT')");
        await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AgentDatabase(dataSource, reader.GetBoolean(1), reader.GetString(0));
    }
}
