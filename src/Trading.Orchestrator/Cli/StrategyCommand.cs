using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Spectre.Console;
using Trading.Data.Client;
using Trading.Orchestrator.Reports;
using Trading.Strategies.Config;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading strategy validate|start|status|stop|list`: seed 004's lifecycle (START, MONITOR, STOP) for strategy sessions,
/// over the SQL functions an agent with psql uses (start_strategy, stop_strategy, v_strategy_sessions).
/// </summary>
public static class StrategyCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("strategy", "Strategy sessions: validate a strategy config, start it as a paper session, watch it, stop it.");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Start(configuration, loggers));
        command.Subcommands.Add(Status("status", "A session's status, trades, open positions and running P&L (all sessions without an id).", configuration, loggers));
        command.Subcommands.Add(Status("list", "Every strategy session with its figures.", configuration, loggers));
        command.Subcommands.Add(Stop(configuration, loggers));
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<FileInfo>("file") { Description = "A strategy config (JSON, seed 004's format)." };
        var command = new Command("validate", "Check a strategy config; every error names its JSON path and what is allowed.") { file };
        command.SetAction(parse => Load(parse.GetValue(file)!, "strategy validate", parse.GetValue(CommonOptions.Json), out _));
        return command;
    }

    private static Command Start(IConfiguration configuration, ILoggerFactory loggers)
    {
        var file = new Argument<FileInfo>("file") { Description = "A strategy config (JSON, seed 004's format)." };
        var account = CliOptions.Account("The account to trade (default: strategy-<name>, created with --capital or 10000).");
        var capital = new Option<decimal?>("--capital") { Description = "Initial capital of a new session account." };
        var mode = new Option<string>("--mode")
        {
            Description = "live: act on bars as they close (default). replay: act on the stored bars after --from, each priced at the quote after its close.",
            DefaultValueFactory = _ => "live",
        };
        mode.AcceptOnlyFromAmong("live", "replay");
        var from = new Option<string?>("--from") { Description = "Act on bars closing after this time (ISO 8601; default now)." };
        var command = new Command("start", "Start a strategy as a paper session; prints the session id.") { file, account, capital, mode, from };
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(CommonOptions.Json);
            var loaded = Load(parse.GetValue(file)!, "strategy start", quietJson: true, out var config);
            DateTimeOffset? actFrom = null;
            if (parse.GetValue(from) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return Task.FromResult(CliOutput.Error("strategy start", $"--from '{text}' is not a time (ISO 8601, e.g. 2026-01-01T00:00:00Z).", ExitCodes.BadArguments));
                }

                actFrom = parsed;
            }

            if (loaded != ExitCodes.Success)
            {
                return Task.FromResult(loaded);
            }

            return new CliDatabase(configuration, loggers).RunAsync(parse, "strategy start", async database =>
            {
                await using var start = database.DataSource.CreateCommand("SELECT start_strategy($1::jsonb, $2, $3, $4, $5)");
                start.Parameters.Add(new NpgsqlParameter { Value = config!.CanonicalJson });
                start.Parameters.Add(new NpgsqlParameter { Value = (object?)parse.GetValue(account) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                start.Parameters.Add(new NpgsqlParameter { Value = (object?)parse.GetValue(capital) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
                start.Parameters.Add(new NpgsqlParameter { Value = parse.GetValue(mode)! });
                start.Parameters.Add(new NpgsqlParameter { Value = (object?)actFrom?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                var id = (long)(await start.ExecuteScalarAsync(cancellationToken))!;
                await using var read = database.DataSource.CreateCommand("SELECT account FROM strategy_sessions WHERE session_id = $1");
                read.Parameters.Add(new NpgsqlParameter { Value = id });
                var name = (string)(await read.ExecuteScalarAsync(cancellationToken))!;
                if (json)
                {
                    CliOutput.Json(new { session_id = id, account = name, checksum = config.Checksum });
                }
                else
                {
                    CliOutput.Console.MarkupLine(
                        $"strategy session [bold]{id}[/] started: {CliOutput.Escape(config.Name)} on account {CliOutput.Escape(name)}, " +
                        $"{CliOutput.Escape(config.TimeframeName)} bars of {CliOutput.Escape(string.Join(", ", config.Symbols))}; `trading run` trades it.");
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Command Status(string verb, string description, IConfiguration configuration, ILoggerFactory loggers)
    {
        var id = new Argument<long?>("id") { Description = "The session (all sessions when omitted).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(verb, description) { id };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, $"strategy {verb}", async database =>
        {
            var rows = await SessionsAsync(database.DataSource, parse.GetValue(id), cancellationToken);
            if (parse.GetValue(id) is { } one && rows.Count == 0)
            {
                return CliOutput.Error($"strategy {verb}", $"no strategy session {one}.", ExitCodes.NotFound);
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(rows);
            }
            else
            {
                CliOutput.Table("Strategy sessions", rows);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Stop(IConfiguration configuration, ILoggerFactory loggers)
    {
        var id = new Argument<long>("id") { Description = "The session." };
        var keep = new Option<bool>("--keep-positions") { Description = "Stop without flattening the session's positions." };
        var timeout = CliOptions.WaitTimeout();
        var command = new Command("stop", "Stop a session, flatten its positions (unless --keep-positions), and print its performance report and gates.")
        {
            id, keep, timeout,
        };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "strategy stop", async database =>
        {
            var session = parse.GetValue(id);
            var rows = await SessionsAsync(database.DataSource, session, cancellationToken);
            if (rows.Count == 0)
            {
                return CliOutput.Error("strategy stop", $"no strategy session {session}.", ExitCodes.NotFound);
            }

            await using (var stop = database.DataSource.CreateCommand("SELECT stop_strategy($1, $2)"))
            {
                stop.Parameters.Add(new NpgsqlParameter { Value = session });
                stop.Parameters.Add(new NpgsqlParameter { Value = parse.GetValue(keep) });
                await stop.ExecuteScalarAsync(cancellationToken);
            }

            // The flattening CLOSEs are decisions like any other: give the orchestrator the time to execute them.
            var deadline = DateTime.UtcNow + parse.GetValue(timeout);
            while (DateTime.UtcNow < deadline && await PendingAsync(database.DataSource, session, cancellationToken))
            {
                await Task.Delay(100, cancellationToken);
            }

            var account = (string)rows[0]["account"]!;
            rows = await SessionsAsync(database.DataSource, session, cancellationToken);
            var metrics = await PerformanceQuery.MetricsAsync(database.DataSource, account, null, null, cancellationToken);
            var gates = PromotionGates.Evaluate(metrics, new GateThresholds());
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { session = rows[0], metrics, gates, passed = gates.All(g => g.Passed) });
            }
            else
            {
                CliOutput.Table($"Strategy session {session} stopped", rows);
                GatesCommand.Print(account, gates, gates.All(g => g.Passed));
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Reads and validates a config file; prints the verdict (errors to stderr). Exit 0 when valid, 2 otherwise.</summary>
    internal static int Load(FileInfo file, string command, bool quietJson, out StrategyConfig? config)
    {
        config = null;
        if (!file.Exists)
        {
            return CliOutput.Error(command, $"no file {file.FullName}.", ExitCodes.BadArguments);
        }

        var validation = StrategyConfigParser.Parse(File.ReadAllText(file.FullName));
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                CliOutput.Error(command, error.ToString(), ExitCodes.BadArguments);
            }

            return ExitCodes.BadArguments;
        }

        config = validation.Config!;
        if (quietJson)
        {
            return ExitCodes.Success;
        }

        Console.WriteLine(TerminalText.Clean(
            $"{file.Name}: valid: {config.Name}, {config.TimeframeName} bars of {string.Join(", ", config.Symbols)}, " +
            $"{config.WarmUpBars} bars of warm-up, checksum {config.Checksum}"));
        return ExitCodes.Success;
    }

    /// <summary>v_strategy_sessions (all, or one session) through the typed client, as the login may read it.</summary>
    internal static async Task<List<Dictionary<string, object?>>> SessionsAsync(NpgsqlDataSource dataSource, long? id, CancellationToken cancellationToken)
    {
        await using var client = TradingDbContext.Create(dataSource);
        return CliRows.From(await client.StrategySessions
            .Where(s => id == null || s.SessionId == id)
            .OrderBy(s => s.SessionId)
            .Select(s => new
            {
                s.SessionId,
                s.Name,
                s.Account,
                s.Mode,
                s.Status,
                s.StatusReason,
                s.StartedAt,
                s.StoppedAt,
                s.LastBarClose,
                s.BarsActed,
                s.Decisions,
                s.Trades,
                s.OpenPositions,
                s.RealizedPnl,
                s.UnrealizedPnl,
                s.TotalPnl,
                s.TotalPnlPct,
                s.Equity,
                s.MaxDrawdownPct,
                s.WinRate,
            })
            .ToListAsync(cancellationToken));
    }

    internal static async Task<bool> PendingAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM trading_decisions WHERE strategy_session_id = $1 AND status = 'pending')");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
