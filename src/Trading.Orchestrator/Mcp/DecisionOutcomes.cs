using ModelContextProtocol;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// A decision's outcome as the login may read it. With SELECT on the fills it is <see cref="DecisionWaiter"/>'s (the fill's
/// side, quantity, price, fee); without (an agent under 0005's grants) the fill figures are null and status_reason states
/// the fill ("bought 0.01 BTC/USDT at 65000.5, fee 0.65"), and a resting order's status comes from v_paper_open_orders.
/// </summary>
public static class DecisionOutcomes
{
    private const string AgentSql = """
        SELECT d.id, d.account, d.symbol, d.decision, d.status, d.status_reason, d.order_id, d.processed_at - d.created_at,
               o.status, o.remaining_quantity
        FROM trading_decisions d
        LEFT JOIN v_paper_open_orders o ON o.account = d.account AND o.order_id = d.order_id
        WHERE d.id = $1
        """;

    public static async Task<DecisionOutcome> ReadAsync(AgentDatabase database, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.CanReadFills)
        {
            await EnsureVisibleAsync(database, id, cancellationToken);
            return await DecisionWaiter.ReadAsync(database.DataSource, id, cancellationToken);
        }

        await using var command = database.DataSource.CreateCommand(AgentSql);
        command.Parameters.Add(CliParameters.Id(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw NotFound(id);
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new DecisionOutcome(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Text(5),
            reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<TimeSpan>(7),
            null, null, null, null, null, null, Text(8), reader.IsDBNull(9) ? null : CliRows.Trim(reader.GetDecimal(9)));
    }

    /// <summary>Follows the decision until it is terminal or <paramref name="timeout"/> has passed (then it is still pending).</summary>
    public static Task<DecisionOutcome> WaitAsync(AgentDatabase database, long id, TimeSpan timeout, CancellationToken cancellationToken) =>
        StatusPoller.PollAsync(token => ReadAsync(database, id, token), o => o.IsTerminal, timeout, cancellationToken);

    public static McpException NotFound(long id) => new($"no decision {id} that this login can see.");

    // DecisionWaiter treats a missing row as a broken invariant; here it is an id the model got wrong.
    private static async Task EnsureVisibleAsync(AgentDatabase database, long id, CancellationToken cancellationToken)
    {
        await using var probe = database.DataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM trading_decisions WHERE id = $1)");
        probe.Parameters.Add(CliParameters.Id(id));
        if (await probe.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw NotFound(id);
        }
    }
}
