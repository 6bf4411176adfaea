using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.Client;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading positions | orders | trades | decisions`: the read side as tables (or --json arrays). The views are read through
/// the typed client, and so are the decisions; paper_orders, which it does not map, with SQL.
/// </summary>
public static class ListCommands
{
    private static readonly string[] Statuses = ["pending", "executed", "placed", "skipped", "rejected", "failed", "expired", "canceled"];

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

    public static Command Positions(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account();
        var command = new Command("positions", "Open positions marked at the newest quote (v_paper_open_positions).");
        command.Options.Add(account);
        command.SetAction((parse, cancellationToken) =>
            ListAsync(new CliDatabase(configuration, loggers), parse, "positions", "Open positions", parse.GetValue(account), null,
                (database, name, _) => ViewAsync(database, c => c.OpenPositions
                    .Where(p => name == null || p.Account == name)
                    .OrderBy(p => p.Account).ThenBy(p => p.Symbol)
                    .Select(p => new
                    {
                        p.Account,
                        p.Symbol,
                        p.Side,
                        p.Quantity,
                        p.EntryPrice,
                        p.CurrentPrice,
                        p.PositionValue,
                        p.UnrealizedPnl,
                        p.UnrealizedPnlPct,
                        p.EntryFees,
                        p.UnrealizedNetPnl,
                        p.OpenedAt,
                        p.StopLoss,
                        StopLossQty = p.StopLossQuantity,
                        p.TakeProfit,
                        TakeProfitQty = p.TakeProfitQuantity,
                        p.TrailingStop,
                        TrailingStopQty = p.TrailingStopQuantity,
                    }), cancellationToken),
                cancellationToken));
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
                return ListAsync(new CliDatabase(configuration, loggers), parse, "orders", "Orders", parse.GetValue(account), parse.GetValue(limit),
                    (database, name, rows) => SqlAsync(database, OrdersSql, cancellationToken, CliParameters.Text(name), CliParameters.Id(rows)),
                    cancellationToken);
            }

            // The working set is small by design; a default cut of it would hide orders still working.
            var explicitLimit = parse.GetResult(limit) is { Implicit: false } ? parse.GetValue(limit) : (int?)null;
            return ListAsync(new CliDatabase(configuration, loggers), parse, "orders", "Open orders", parse.GetValue(account), explicitLimit,
                (database, name, rows) => ViewAsync(database, c => c.OpenOrders
                    .Where(o => name == null || o.Account == name)
                    .OrderByDescending(o => o.OrderId)
                    .Take(rows ?? int.MaxValue)
                    .Select(o => new
                    {
                        o.OrderId,
                        o.Account,
                        Role = o.Role != "entry" ? o.Role : o.ReduceOnly == true ? "exit" : "entry", // as RoleLabel above
                        o.Symbol,
                        o.Side,
                        o.OrderType,
                        Tif = o.TimeInForce,
                        Remaining = o.RemainingQuantity,
                        o.LimitPrice,
                        o.StopPrice,
                        // The trailing distance in the unit an agent gives it (exit_unit: 5 = 5 %); the view keeps the engine's fraction.
                        Trailing = o.TrailingIsPercent == true ? o.TrailingOffset * 100 : o.TrailingOffset,
                        TrailingUnit = o.TrailingOffset == null ? null : o.TrailingIsPercent == true ? "percent" : "price",
                        o.BestPrice,
                        o.Triggered,
                        o.ExpiresAt,
                        o.CurrentPrice,
                        o.Status,
                    }), cancellationToken),
                cancellationToken);
        });
        return command;
    }

    public static Command Trades(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account();
        var limit = CliOptions.Limit(20);
        var epoch = CliOptions.Epoch();
        var command = new Command("trades", "Closed trades with net P&L after fees (v_paper_recent_trades; with --epoch v_paper_trade_history), newest first.");
        command.Options.Add(account);
        command.Options.Add(epoch);
        command.Options.Add(limit);
        command.SetAction((parse, cancellationToken) =>
            ListAsync(new CliDatabase(configuration, loggers), parse, "trades", "Closed trades", parse.GetValue(account), parse.GetValue(limit),
                (database, name, rows) => ViewAsync(database, c => (parse.GetValue(epoch) is { } n
                        ? c.RecentTrades.FromSql($"SELECT * FROM v_paper_trade_history WHERE epoch = {n}")
                        : c.RecentTrades)
                    .Where(t => name == null || t.Account == name)
                    .OrderByDescending(t => t.ExitTime).ThenByDescending(t => t.TradeId)
                    .Take(rows ?? int.MaxValue)
                    .Select(t => new
                    {
                        t.TradeId,
                        t.Account,
                        t.Symbol,
                        t.Side,
                        t.Quantity,
                        t.EntryPrice,
                        t.ExitPrice,
                        t.EntryTime,
                        t.ExitTime,
                        t.HoldDuration,
                        t.RealizedPnl,
                        t.Fees,
                        t.NetPnl,
                        t.ReturnPct,
                        t.Outcome,
                        t.Agent,
                    }), cancellationToken),
                cancellationToken));
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

            return ListAsync(new CliDatabase(configuration, loggers), parse, "decisions", "Decisions", parse.GetValue(account), parse.GetValue(limit),
                (database, name, rows) => ViewAsync(database, c => c.Decisions
                    .Where(d => (name == null || d.Account == name) && (wanted == null || d.Status == wanted))
                    .OrderByDescending(d => d.Id)
                    .Take(rows ?? int.MaxValue)
                    .Select(d => new
                    {
                        d.Id,
                        d.Account,
                        d.Agent,
                        d.Symbol,
                        d.Decision,
                        d.Confidence,
                        d.RiskScore,
                        d.Status,
                        d.StatusReason,
                        d.OrderId,
                        d.CreatedAt,
                        d.ProcessedAt,
                    }), cancellationToken),
                cancellationToken);
        });
        return command;
    }

    private static Task<int> ListAsync(CliDatabase cli, ParseResult parse, string name, string title, string? account, int? limit,
        Func<Database, string?, int?, Task<List<Dictionary<string, object?>>>> read, CancellationToken cancellationToken)
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

            var rows = await read(database, account, limit);
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

    /// <summary>A view or the decisions through the typed client (<see cref="TradingDbContext"/>).</summary>
    private static async Task<List<Dictionary<string, object?>>> ViewAsync<T>(Database database, Func<TradingDbContext, IQueryable<T>> query,
        CancellationToken cancellationToken)
    {
        await using var client = database.CreateContext();
        return CliRows.From(await query(client).ToListAsync(cancellationToken));
    }

    /// <summary>A table the client does not map (paper_orders: agents may not read it); LIMIT NULL is no limit.</summary>
    private static async Task<List<Dictionary<string, object?>>> SqlAsync(Database database, string sql, CancellationToken cancellationToken,
        params NpgsqlParameter[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return await CliRows.ReadAsync(command, cancellationToken);
    }
}
