using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Spectre.Console;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading decide BUY BTC/USDT --confidence 0.75 [--wait]`: insert a decision exactly as an agent would, print its id;
/// with --wait, follow it to its terminal status. Exit codes: 0 inserted (or executed, with --wait); 1 ended skipped,
/// rejected, failed or expired; 2 bad arguments or a database constraint refused the row; 7 still pending at timeout.
/// </summary>
public static class DecideCommand
{
    private static readonly string[] Verbs = ["BUY", "SELL", "CLOSE", "HOLD"];

    private const string InsertSql = """
        INSERT INTO trading_decisions (account, symbol, decision, confidence, risk_score, quantity, notional, agent, reasoning, idempotency_key)
        VALUES (COALESCE($1, 'default'), $2, $3, $4, $5, $6, $7, $8, $9, $10)
        RETURNING id, account
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
        var wait = new Option<bool>("--wait") { Description = "Wait for the terminal status and print it with the fill." };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long --wait waits (10s, 500ms, 2m). Default 10s.",
            CustomParser = DurationParser.Parse,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        };

        var command = new Command("decide", "Insert a trading decision (as an agent would) and optionally wait for its outcome.\n" +
            "Exit codes: 0 inserted / executed; 1 skipped, rejected, failed or expired (--wait); 2 bad arguments or refused by a " +
            "database constraint; 7 still pending when --timeout elapsed.");
        command.Arguments.Add(verb);
        command.Arguments.Add(symbol);
        foreach (var option in new Option[] { confidence, risk, quantity, notional, account, agent, reasoning, idempotencyKey, wait, timeout })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var decision = parse.GetValue(verb)?.Trim().ToUpperInvariant() ?? string.Empty;
            var problem = Validate(decision, parse.GetValue(confidence), parse.GetValue(risk), parse.GetValue(quantity), parse.GetValue(notional));
            if (problem is not null)
            {
                return Task.FromResult(CliOutput.Error("decide", problem, ExitCodes.BadArguments));
            }

            var json = parse.GetValue(CommonOptions.Json);
            return new CliDatabase(configuration, loggers).RunAsync(parse, "decide", async database =>
            {
                await using var insert = database.DataSource.CreateCommand(InsertSql);
                insert.Parameters.Add(Text(parse.GetValue(account)));
                insert.Parameters.Add(Text(parse.GetValue(symbol)?.Trim().ToUpperInvariant()));
                insert.Parameters.Add(Text(decision));
                insert.Parameters.Add(Number(parse.GetValue(confidence)));
                insert.Parameters.Add(Number(parse.GetValue(risk)));
                insert.Parameters.Add(Number(parse.GetValue(quantity)));
                insert.Parameters.Add(Number(parse.GetValue(notional)));
                insert.Parameters.Add(Text(parse.GetValue(agent)));
                insert.Parameters.Add(Text(parse.GetValue(reasoning)));
                insert.Parameters.Add(Text(parse.GetValue(idempotencyKey)));
                long id;
                string inserted;
                await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    id = reader.GetInt64(0);
                    inserted = reader.GetString(1);
                }

                if (!parse.GetValue(wait))
                {
                    if (json)
                    {
                        CliOutput.Json(new { id, account = inserted, decision, status = "pending" });
                    }
                    else
                    {
                        CliOutput.Console.MarkupLine($"decision [bold]{id}[/] inserted for account {Markup.Escape(inserted)} (pending)");
                    }

                    return ExitCodes.Success;
                }

                var outcome = await DecisionWaiter.WaitAsync(database.DataSource, id, parse.GetValue(timeout), cancellationToken);
                Print(outcome, json);
                return outcome.Status switch
                {
                    "executed" => ExitCodes.Success,
                    "pending" => CliExitCodes.TimedOut,
                    _ => CliExitCodes.NotExecuted,
                };
            }, cancellationToken);
        });
        return command;
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

        var colour = outcome.Status switch { "executed" => "green", "pending" => "yellow", _ => "red" };
        CliOutput.Console.MarkupLine(
            $"decision [bold]{outcome.Id}[/] {Markup.Escape(outcome.Decision)} {Markup.Escape(outcome.Symbol)} ({Markup.Escape(outcome.Account)}): " +
            $"[{colour}]{outcome.Status}[/]{(outcome.Reason is null ? string.Empty : " - " + Markup.Escape(outcome.Reason))}");
        if (outcome.Status == "pending")
        {
            CliOutput.Console.MarkupLine("[yellow]still pending when the timeout elapsed: is `trading run` running?[/]");
        }

        if (outcome.OrderId is not null && outcome.Quantity is not null)
        {
            CliOutput.Console.MarkupLine(
                $"order {outcome.OrderId}: {outcome.Side} {CliOutput.Format(outcome.Quantity)} @ {CliOutput.Format(outcome.Price)}, " +
                $"notional {CliOutput.Format(outcome.Notional)}, fee {CliOutput.Format(outcome.Fee)}, slippage {CliOutput.Format(outcome.SlippageCost)}, " +
                $"latency {(outcome.Latency is { } l ? $"{l.TotalMilliseconds:0} ms" : "-")}");
        }
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Number(decimal? value) => new() { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)value ?? DBNull.Value };
}
