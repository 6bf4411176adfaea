using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Trading.Data.Execution;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>`cancel`: a row in paper_cancel_requests, answered by the orchestrator (done, or rejected with the reason).</summary>
[McpServerToolType]
public sealed class CancelTool(AgentDatabase database)
{
    // Without an account the request names the target's: an open order's from v_paper_open_orders (an agent may not read
    // paper_orders; an order no longer open has nothing left to cancel and is rejected with the reason), a decision's
    // from trading_decisions. Whether the login may cancel there is the database's decision.
    private static readonly string InsertSql = WakeUps.Notifying("""
        INSERT INTO paper_cancel_requests (account, order_id, decision_id, agent, reason)
        VALUES (COALESCE($1, (SELECT o.account FROM v_paper_open_orders o WHERE o.order_id = $2),
                             (SELECT d.account FROM trading_decisions d WHERE d.id = $3), 'default'),
                $2, $3, $4, $5)
        RETURNING request_id
        """, "request_id");

    [McpServerTool(Name = "cancel", Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("""
        Ask the orchestrator to cancel a resting order (order_id, see `portfolio`'s open_orders) or a decision still pending
        (decision_id): give exactly one. Returns the request with status pending, or with `wait` the answer: done, or
        rejected with the reason (already filled, already processed, not this account's).
        """)]
    public Task<CancelOutcome> CancelAsync(
        [Description("The resting order to cancel.")] long? order_id = null,
        [Description("The pending decision to cancel.")] long? decision_id = null,
        [Description("The account of the order or decision (default: its own).")] string? account = null,
        [Description("Agent name recorded with the request.")] string? agent = null,
        [Description("Why (kept with the request).")] string? reason = null,
        [Description("Seconds (at most 120) to wait for the orchestrator's answer; absent or 0 returns at once.")] double? wait = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            if ((order_id is null) == (decision_id is null))
            {
                throw new McpException("give exactly one of order_id and decision_id.");
            }

            var timeout = WaitTime.From(wait);
            await using var insert = database.DataSource.CreateCommand(InsertSql);
            insert.Parameters.Add(CliParameters.Text(account));
            insert.Parameters.Add(CliParameters.Id(order_id));
            insert.Parameters.Add(CliParameters.Id(decision_id));
            insert.Parameters.Add(CliParameters.Text(agent));
            insert.Parameters.Add(CliParameters.Text(reason));
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            return timeout is { } t
                ? await StatusPoller.PollAsync(token => CancelCommand.ReadAsync(database.DataSource, id, token), o => o.IsTerminal, t, cancellationToken)
                : await CancelCommand.ReadAsync(database.DataSource, id, cancellationToken);
        });
}
