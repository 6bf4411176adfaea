using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;
using Trading.Data.Execution;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading cancel --order N | --decision N [--account A] [--reason TEXT] [--wait]`: insert a cancel request exactly as
/// an agent would (paper_cancel_requests), print its id; with --wait, follow it until the orchestrator answers. Exit codes:
/// 0 requested (or, with --wait, done); 1 rejected (already filled, not this account's, unknown ...); 2 bad arguments
/// or a constraint refused the row; 7 still pending at timeout.
/// </summary>
public static class CancelCommand
{
    // Without --account the request names the target's own account (or 'default' for a target that does not exist,
    // which the orchestrator then rejects with the reason); with it, a target of another account is rejected.
    private static readonly string InsertSql = WakeUps.Notifying("""
        INSERT INTO paper_cancel_requests (account, order_id, decision_id, agent, reason)
        VALUES (COALESCE($1, (SELECT o.account FROM paper_orders o WHERE o.order_id = $2),
                             (SELECT d.account FROM trading_decisions d WHERE d.id = $3), 'default'),
                $2, $3, $4, $5)
        RETURNING request_id
        """, "request_id");

    private const string ReadSql = """
        SELECT request_id, account, order_id, decision_id, status, outcome, processed_at - requested_at
        FROM paper_cancel_requests
        WHERE request_id = $1
        """;

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var order = new Option<long?>("--order") { Description = "The resting order to cancel (order_id)." };
        var decision = new Option<long?>("--decision") { Description = "The pending decision to cancel (id)." };
        var account = CliOptions.Account("The account of the order or decision (default: its own).");
        var agent = new Option<string?>("--agent") { Description = "Agent name recorded with the request." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with the request)." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the orchestrator's answer and print it." };
        var timeout = CliOptions.WaitTimeout();
        var command = new Command("cancel", "Ask the orchestrator to cancel a resting order or a pending decision (as an agent would).\n" +
            "Exit codes: 0 requested, or done (--wait); 1 rejected (--wait); 2 bad arguments (give exactly one of --order and " +
            "--decision) or refused by a database constraint; 7 still pending when --timeout elapsed.")
        {
            order, decision, account, agent, reason, wait, timeout,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var (orderId, decisionId) = (parse.GetValue(order), parse.GetValue(decision));
            if ((orderId is null) == (decisionId is null))
            {
                return Task.FromResult(CliOutput.Error("cancel", "give exactly one of --order and --decision.", ExitCodes.BadArguments));
            }

            var json = parse.GetValue(CommonOptions.Json);
            return new CliDatabase(configuration, loggers).RunAsync(parse, "cancel", async database =>
            {
                await using var insert = database.DataSource.CreateCommand(InsertSql);
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(account)));
                insert.Parameters.Add(CliParameters.Id(orderId));
                insert.Parameters.Add(CliParameters.Id(decisionId));
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(agent)));
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(reason)));
                var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

                if (!parse.GetValue(wait))
                {
                    Print(await ReadAsync(database.DataSource, id, cancellationToken), json, waited: false);
                    return ExitCodes.Success;
                }

                var outcome = await StatusPoller.PollAsync(
                    token => ReadAsync(database.DataSource, id, token), o => o.IsTerminal, parse.GetValue(timeout), cancellationToken);
                Print(outcome, json, waited: true);
                return outcome.Status switch
                {
                    "done" => ExitCodes.Success,
                    "rejected" => CliExitCodes.NotExecuted,
                    _ => CliExitCodes.TimedOut,
                };
            }, cancellationToken);
        });
        return command;
    }

    public static async Task<CancelOutcome> ReadAsync(NpgsqlDataSource dataSource, long requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(CliParameters.Id(requestId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Cancel request {requestId} disappeared.");
        }

        T? Get<T>(int i) where T : struct => reader.IsDBNull(i) ? null : reader.GetFieldValue<T>(i);
        return new CancelOutcome(
            reader.GetInt64(0), reader.GetString(1), Get<long>(2), Get<long>(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), Get<TimeSpan>(6));
    }

    private static void Print(CancelOutcome outcome, bool json, bool waited)
    {
        if (json)
        {
            CliOutput.Json(outcome);
            return;
        }

        var head = $"cancel request [bold]{outcome.RequestId}[/] for {outcome.Target} ({CliOutput.Escape(outcome.Account)})";
        if (!outcome.IsTerminal)
        {
            CliOutput.Console.MarkupLine(waited
                ? $"{head}: [yellow]still pending when the timeout elapsed: is `trading run` running?[/]"
                : $"{head}: pending (`trading cancel ... --wait` waits for the answer)");
            return;
        }

        var colour = outcome.Status == "done" ? "green" : "red";
        CliOutput.Console.MarkupLine($"{head}: [{colour}]{outcome.Status}[/] - {CliOutput.Escape(outcome.Outcome ?? string.Empty)}");
    }
}
