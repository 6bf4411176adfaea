using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading positions | orders | trades | decisions`: the read side as tables (or --json arrays).</summary>
public static class ListCommands
{
    private static readonly string[] Statuses = ["pending", "executed", "skipped", "rejected", "failed", "expired"];

    private const string PositionsSql = """
        SELECT account, symbol, side, quantity, entry_price, current_price, position_value,
               unrealized_pnl, unrealized_pnl_pct, entry_fees, unrealized_net_pnl, opened_at
        FROM v_paper_open_positions
        WHERE ($1::text IS NULL OR account = $1)
        ORDER BY account, symbol
        """;

    private const string OrdersSql = """
        SELECT order_id, account, decision_id, symbol, side, order_type, quantity, filled_quantity, avg_fill_price, status,
               reason, created_at
        FROM paper_orders
        WHERE ($1::text IS NULL OR account = $1)
        ORDER BY order_id DESC
        LIMIT $2
        """;

    private const string TradesSql = """
        SELECT trade_id, account, symbol, side, quantity, entry_price, exit_price, entry_time, exit_time, hold_duration,
               realized_pnl, fees, net_pnl, return_pct, outcome, agent
        FROM v_paper_recent_trades
        WHERE ($1::text IS NULL OR account = $1)
        ORDER BY exit_time DESC, trade_id DESC
        LIMIT $2
        """;

    private const string DecisionsSql = """
        SELECT id, account, agent, symbol, decision, confidence, risk_score, status, status_reason, order_id,
               created_at, processed_at
        FROM trading_decisions
        WHERE ($1::text IS NULL OR account = $1) AND ($3::text IS NULL OR status = $3)
        ORDER BY id DESC
        LIMIT $2
        """;

    public static Command Positions(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account();
        var command = new Command("positions", "Open positions marked at the newest quote (v_paper_open_positions).");
        command.Options.Add(account);
        command.SetAction((parse, cancellationToken) =>
            ListAsync(new CliDatabase(configuration, loggers), parse, "positions", "Open positions", PositionsSql,
                parse.GetValue(account), null, null, cancellationToken));
        return command;
    }

    public static Command Orders(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account();
        var limit = CliOptions.Limit(20);
        var command = new Command("orders", "Paper orders, newest first.");
        command.Options.Add(account);
        command.Options.Add(limit);
        command.SetAction((parse, cancellationToken) =>
            ListAsync(new CliDatabase(configuration, loggers), parse, "orders", "Orders", OrdersSql,
                parse.GetValue(account), parse.GetValue(limit), null, cancellationToken));
        return command;
    }

    public static Command Trades(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account();
        var limit = CliOptions.Limit(20);
        var command = new Command("trades", "Closed trades with net P&L after fees (v_paper_recent_trades), newest first.");
        command.Options.Add(account);
        command.Options.Add(limit);
        command.SetAction((parse, cancellationToken) =>
            ListAsync(new CliDatabase(configuration, loggers), parse, "trades", "Closed trades", TradesSql,
                parse.GetValue(account), parse.GetValue(limit), null, cancellationToken));
        return command;
    }

    public static Command Decisions(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account();
        var limit = CliOptions.Limit(20);
        var status = new Option<string?>("--status", "-s") { Description = "Only this status: " + string.Join(", ", Statuses) + "." };
        var command = new Command("decisions", "Trading decisions with their status and reason, newest first.");
        command.Options.Add(account);
        command.Options.Add(status);
        command.Options.Add(limit);
        command.SetAction((parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(status)?.Trim().ToLowerInvariant();
            if (wanted is not null && !Statuses.Contains(wanted, StringComparer.Ordinal))
            {
                return Task.FromResult(CliOutput.Error("decisions", $"unknown status '{wanted}': use {string.Join(", ", Statuses)}.", ExitCodes.BadArguments));
            }

            return ListAsync(new CliDatabase(configuration, loggers), parse, "decisions", "Decisions", DecisionsSql,
                parse.GetValue(account), parse.GetValue(limit), wanted, cancellationToken);
        });
        return command;
    }

    private static Task<int> ListAsync(CliDatabase cli, ParseResult parse, string name, string title, string sql,
        string? account, int? limit, string? status, CancellationToken cancellationToken)
    {
        if (limit is { } l && CliOptions.CheckLimit(l) is { } problem)
        {
            return Task.FromResult(CliOutput.Error(name, problem, ExitCodes.BadArguments));
        }

        return cli.RunAsync(parse, name, async database =>
        {
            if (account is not null && !await CliDatabase.AccountExistsAsync(database, name, account, cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            await using var command = database.DataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)account ?? DBNull.Value });
            if (limit is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = (long)limit.Value });
            }

            if (sql.Contains("$3", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)status ?? DBNull.Value });
            }

            var rows = await CliRows.ReadAsync(command, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(rows);
            }
            else
            {
                CliOutput.Table(title, rows);
            }

            return ExitCodes.Success;
        }, cancellationToken);
    }
}
