using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading positions | orders | trades | decisions`: the read side as tables (or --json arrays).</summary>
public static class ListCommands
{
    private static readonly string[] Statuses = ["pending", "executed", "placed", "skipped", "rejected", "failed", "expired", "canceled"];

    private const string PositionsSql = """
        SELECT account, symbol, side, quantity, entry_price, current_price, position_value,
               unrealized_pnl, unrealized_pnl_pct, entry_fees, unrealized_net_pnl, opened_at, stop_loss, stop_loss_quantity AS stop_loss_qty,
               take_profit, take_profit_quantity AS take_profit_qty, trailing_stop, trailing_stop_quantity AS trailing_stop_qty
        FROM v_paper_open_positions
        WHERE ($1::text IS NULL OR account = $1)
        ORDER BY account, symbol
        """;

    // A decision's own order (stored role 'entry') is shown as what it does: 'exit' when it may only reduce the
    // position (a SELL or CLOSE of a long, a BUY or CLOSE of a short), else 'entry'; bracket legs keep their names.
    private const string RoleLabel = "CASE WHEN role <> 'entry' THEN role WHEN reduce_only THEN 'exit' ELSE 'entry' END AS role";

    private const string OrdersSql = $"""
        SELECT order_id, account, decision_id, {RoleLabel}, symbol, side, order_type, time_in_force AS tif, quantity, limit_price,
               stop_price, filled_quantity, avg_fill_price, status, reason, created_at
        FROM paper_orders
        WHERE ($1::text IS NULL OR account = $1)
        ORDER BY order_id DESC
        LIMIT $2
        """;

    // The trailing distance in the unit an agent gives it (exit_unit: 5 = 5 %); the view keeps the engine's fraction.
    private const string OpenOrdersSql = $"""
        SELECT order_id, account, {RoleLabel}, symbol, side, order_type, time_in_force AS tif, remaining_quantity AS remaining,
               limit_price, stop_price,
               CASE WHEN trailing_is_percent THEN trailing_offset * 100 ELSE trailing_offset END AS trailing,
               CASE WHEN trailing_offset IS NULL THEN NULL WHEN trailing_is_percent THEN 'percent' ELSE 'price' END AS trailing_unit,
               best_price, triggered, expires_at, current_price, status
        FROM v_paper_open_orders
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
        var open = new Option<bool>("--open")
        {
            Description = "Only working orders (v_paper_open_orders) with their levels and the current price; all of them unless --limit is given.",
        };
        var command = new Command("orders", "Paper orders, newest first.") { account, limit, open };
        command.SetAction((parse, cancellationToken) =>
        {
            if (!parse.GetValue(open))
            {
                return ListAsync(new CliDatabase(configuration, loggers), parse, "orders", "Orders", OrdersSql,
                    parse.GetValue(account), parse.GetValue(limit), null, cancellationToken);
            }

            // The working set is small by design; a default cut of it would hide orders still working.
            var explicitLimit = parse.GetResult(limit) is { Implicit: false } ? parse.GetValue(limit) : (int?)null;
            return ListAsync(new CliDatabase(configuration, loggers), parse, "orders", "Open orders", OpenOrdersSql,
                parse.GetValue(account), explicitLimit, null, cancellationToken);
        });
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
            command.Parameters.Add(CliParameters.Text(account));
            if (sql.Contains("$2", StringComparison.Ordinal))
            {
                // LIMIT NULL is no limit.
                command.Parameters.Add(CliParameters.Id(limit));
            }

            if (sql.Contains("$3", StringComparison.Ordinal))
            {
                command.Parameters.Add(CliParameters.Text(status));
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
