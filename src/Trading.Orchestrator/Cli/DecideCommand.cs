using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;
using Trading.Data.Execution;
using Trading.Engine.Orders;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading decide BUY BTC/USDT --confidence 0.75 [--type limit --limit 64000] [--stop-loss 5 --percent] [--wait]`: insert a
/// decision exactly as an agent would, print its id; with --wait, follow it to its terminal status. Exit codes: 0 inserted
/// (or, with --wait, executed or placed: its order rests); 1 ended skipped, rejected, failed, expired or canceled; 2 bad
/// arguments or a database constraint refused the row; 7 still pending at timeout.
/// </summary>
public static class DecideCommand
{
    private static readonly string[] Verbs = ["BUY", "SELL", "CLOSE", "HOLD"];

    private static readonly string InsertSql = WakeUps.Notifying("""
        INSERT INTO trading_decisions (account, symbol, decision, confidence, risk_score, quantity, notional, agent, reasoning, idempotency_key,
                                       order_type, limit_price, stop_price, trailing_offset, time_in_force, expires_at,
                                       stop_loss, take_profit, exit_unit, reduce_only)
        -- A column named here takes no default: what was not given gets the schema's (account, order_type, time_in_force,
        -- exit_unit, reduce_only). A duration expiry counts from the database's clock, the one that stamps created_at.
        VALUES (COALESCE($1, 'default'), $2, $3, $4, $5, $6, $7, $8, $9, $10,
                COALESCE($11, 'market'), $12, $13, $14, COALESCE($15, 'gtc'), COALESCE($16, clock_timestamp() + $17),
                $18, $19, COALESCE($20, 'price'), COALESCE($21, false))
        -- A retried idempotency key is not an error: the agent gets the decision it sent first (and its outcome).
        ON CONFLICT (account, idempotency_key) DO NOTHING
        RETURNING id, account, status
        """, "id, account, status");

    // The decision an earlier request with this idempotency key created (read after the INSERT did nothing, so also
    // one committed by a concurrent request while the INSERT waited for it).
    private const string ExistingSql = """
        SELECT id, account, status FROM trading_decisions WHERE account = COALESCE($1, 'default') AND idempotency_key = $2
        """;

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var verb = new Argument<string>("decision") { Description = "BUY, SELL, CLOSE or HOLD (any case; stored upper-case)." };
        var symbol = new Argument<string>("symbol") { Description = "Instrument, e.g. BTC/USDT." };
        var confidence = new Option<decimal?>("--confidence") { Description = "Required: confidence in [0, 1]." };
        var risk = new Option<decimal?>("--risk") { Description = "Risk score in [0, 1]; higher sizes smaller." };
        var quantity = new Option<decimal?>("--quantity") { Description = "Explicit quantity (instead of confidence sizing)." };
        var notional = new Option<decimal?>("--notional") { Description = "Explicit notional in the account currency." };
        var account = new Option<string?>("--account", "-a") { Description = "Account (default: 'default')." };
        var agent = new Option<string?>("--agent") { Description = "Agent name recorded with the decision." };
        var reasoning = new Option<string?>("--reasoning") { Description = "Free-text reasoning." };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Client key, unique per account." };
        var wait = new Option<bool>("--wait") { Description = "Wait for the outcome: executed with its fill, placed with its resting order, or why not." };
        var timeout = CliOptions.WaitTimeout();

        var order = new OrderOptions();

        var command = new Command("decide", "Insert a trading decision (as an agent would) and optionally wait for its outcome.\n" +
            "Exit codes: 0 inserted, or (--wait) executed or placed (its order rests in the book); 1 skipped, rejected, failed, " +
            "expired or canceled (--wait); 2 bad arguments or refused by a database constraint; 7 still pending when --timeout elapsed.");
        command.Arguments.Add(verb);
        command.Arguments.Add(symbol);
        foreach (var option in new Option[] { confidence, risk, quantity, notional, account, agent, reasoning, idempotencyKey, wait, timeout })
        {
            command.Options.Add(option);
        }

        order.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var decision = parse.GetValue(verb)?.Trim().ToUpperInvariant() ?? string.Empty;
            var (shape, orderProblem) = order.Read(parse);
            var problem = Validate(decision, parse.GetValue(confidence), parse.GetValue(risk), parse.GetValue(quantity), parse.GetValue(notional)) ?? orderProblem;
            if (problem is not null)
            {
                return Task.FromResult(CliOutput.Error("decide", problem, ExitCodes.BadArguments));
            }

            var json = parse.GetValue(CommonOptions.Json);
            return new CliDatabase(configuration, loggers).RunAsync(parse, "decide", async database =>
            {
                await using var insert = database.DataSource.CreateCommand(InsertSql);
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(account)));
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(symbol)?.Trim().ToUpperInvariant()));
                insert.Parameters.Add(CliParameters.Text(decision));
                insert.Parameters.Add(CliParameters.Number(parse.GetValue(confidence)));
                insert.Parameters.Add(CliParameters.Number(parse.GetValue(risk)));
                insert.Parameters.Add(CliParameters.Number(parse.GetValue(quantity)));
                insert.Parameters.Add(CliParameters.Number(parse.GetValue(notional)));
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(agent)));
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(reasoning)));
                insert.Parameters.Add(CliParameters.Text(parse.GetValue(idempotencyKey)));
                shape.AddTo(insert.Parameters);
                var row = await ReadRowAsync(insert, cancellationToken);
                var duplicate = row is null;
                if (row is null)
                {
                    await using var existing = database.DataSource.CreateCommand(ExistingSql);
                    existing.Parameters.Add(CliParameters.Text(parse.GetValue(account)));
                    existing.Parameters.Add(CliParameters.Text(parse.GetValue(idempotencyKey)));
                    row = await ReadRowAsync(existing, cancellationToken)
                        ?? throw new InvalidOperationException("The decision with this idempotency key disappeared.");
                }

                var (id, inserted, status) = row.Value;
                if (!parse.GetValue(wait))
                {
                    if (json)
                    {
                        CliOutput.Json(new { id, account = inserted, decision, status, duplicate });
                    }
                    else if (duplicate)
                    {
                        CliOutput.Console.MarkupLine($"decision [bold]{id}[/] of account {CliOutput.Escape(inserted)} already has idempotency key " +
                            $"{CliOutput.Escape(parse.GetValue(idempotencyKey))} ({CliOutput.Escape(status)}): not inserted again");
                    }
                    else
                    {
                        CliOutput.Console.MarkupLine($"decision [bold]{id}[/] inserted for account {CliOutput.Escape(inserted)} (pending)");
                    }

                    return ExitCodes.Success;
                }

                var outcome = await DecisionWaiter.WaitAsync(database.DataSource, id, parse.GetValue(timeout), cancellationToken);
                Print(outcome, json);
                return outcome.Succeeded ? ExitCodes.Success
                    : outcome.IsTerminal ? CliExitCodes.NotExecuted
                    : CliExitCodes.TimedOut;
            }, cancellationToken);
        });
        return command;
    }

    private static async Task<(long Id, string Account, string Status)?> ReadRowAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    public static string? Validate(string decision, decimal? confidence, decimal? risk, decimal? quantity, decimal? notional)
    {
        if (!Verbs.Contains(decision, StringComparer.Ordinal))
        {
            return $"unknown decision '{decision}': use BUY, SELL, CLOSE or HOLD.";
        }

        if (confidence is null)
        {
            return "--confidence is required (a number in [0, 1]).";
        }

        if (confidence is < 0m or > 1m)
        {
            return $"--confidence {confidence} is outside [0, 1].";
        }

        if (risk is < 0m or > 1m)
        {
            return $"--risk {risk} is outside [0, 1].";
        }

        if (quantity is <= 0m || notional is <= 0m)
        {
            return "--quantity and --notional must be positive.";
        }

        return quantity is not null && notional is not null ? "give --quantity or --notional, not both." : null;
    }

    private static void Print(DecisionOutcome outcome, bool json)
    {
        if (json)
        {
            CliOutput.Json(outcome);
            return;
        }

        var colour = outcome.Succeeded ? "green" : outcome.IsTerminal ? "red" : "yellow";
        CliOutput.Console.MarkupLine(
            $"decision [bold]{outcome.Id}[/] {CliOutput.Escape(outcome.Decision)} {CliOutput.Escape(outcome.Symbol)} ({CliOutput.Escape(outcome.Account)}): " +
            $"[{colour}]{outcome.Status}[/]{(outcome.Reason is null ? string.Empty : " - " + CliOutput.Escape(outcome.Reason))}");
        if (outcome.Status == "pending")
        {
            CliOutput.Console.MarkupLine("[yellow]still pending when the timeout elapsed: is `trading run` running?[/]");
        }

        if (outcome.OrderId is not null && outcome.Quantity is not null)
        {
            CliOutput.Console.MarkupLine(
                $"order {outcome.OrderId}: {outcome.Side} {DisplayNumber.Quantity(outcome.Quantity, outcome.Lot)} @ {DisplayNumber.Price(outcome.Price, outcome.Tick)}, " +
                $"notional {DisplayNumber.Money(outcome.Notional)}, fee {DisplayNumber.Money(outcome.Fee)}, slippage {DisplayNumber.Money(outcome.SlippageCost)}, " +
                $"latency {(outcome.Latency is { } l ? $"{l.TotalMilliseconds:0} ms" : "-")}");
        }

        if (outcome.Status == "placed" && outcome.OrderId is { } id)
        {
            CliOutput.Console.MarkupLine(outcome.OrderStatus is { } status && OrderStatusTransitions.IsWorking(SqlText.OrderStatuses.Parse(status))
                ? $"order [bold]{id}[/] rests in the book ({outcome.OrderStatus}, {CliOutput.Format(outcome.RemainingQuantity)} remaining): " +
                  $"`trading orders --open` lists it, `trading cancel --order {id}` cancels it"
                : $"order [bold]{id}[/] was placed and is {CliOutput.Escape(outcome.OrderStatus ?? "-")} by now (`trading orders`)");
        }
    }
}
