using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Microsoft.EntityFrameworkCore;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// `portfolio`, `trades` and `quote`: the v_paper_* views and v_latest_prices through the typed client, as the login may read
/// them; every column of the view, named as the view names it.
/// </summary>
[McpServerToolType]
public sealed class AccountTools(AgentDatabase database)
{
    [McpServerTool(Name = "portfolio", ReadOnly = true, OpenWorld = false)]
    [Description("""
        An account's portfolio now: the overview (cash, positions value, total value = equity, realized and unrealized P&L,
        total P&L %, halted), its open positions (entry and mark price, unrealized P&L, protective stop/target levels) and its
        resting orders (order_id, type, limit/stop price, remaining quantity).
        """)]
    public Task<PortfolioView> PortfolioAsync(
        [Description("Account (default 'default').")] string? account = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            var name = account ?? "default";
            await using var client = database.CreateContext();
            var overview = CliRows.From(await client.PortfolioOverview.Where(o => o.Account == name).ToListAsync(cancellationToken));
            if (overview.Count == 0)
            {
                throw UnknownAccount(name);
            }

            return new PortfolioView(overview[0],
                CliRows.From(await client.OpenPositions.Where(p => p.Account == name).OrderBy(p => p.Symbol).ToListAsync(cancellationToken)),
                CliRows.From(await client.OpenOrders.Where(o => o.Account == name).OrderBy(o => o.OrderId).ToListAsync(cancellationToken)));
        });

    [McpServerTool(Name = "trades", ReadOnly = true, OpenWorld = false)]
    [Description("""
        An account's closed trades, newest first (v_paper_recent_trades): side, quantity, entry and exit price and time, hold
        duration, realized P&L, fees, net P&L, return %, outcome (win/loss/breakeven), agent, strategy, decision_id.
        """)]
    public Task<List<Dictionary<string, object?>>> TradesAsync(
        [Description("Account (default 'default').")] string? account = null,
        [Description("Only this instrument, e.g. BTC/USDT.")] string? symbol = null,
        [Description("At most this many trades (1 to 1000, default 50).")] int limit = 50,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            if (limit is < 1 or > 1000)
            {
                throw new McpException($"limit {limit} is outside [1, 1000].");
            }

            var name = account ?? "default";
            var instrument = symbol?.Trim().ToUpperInvariant();
            await using var client = database.CreateContext();
            return CliRows.From(await client.RecentTrades
                .Where(t => t.Account == name && (instrument == null || t.Symbol == instrument))
                .OrderByDescending(t => t.ExitTime).ThenByDescending(t => t.TradeId)
                .Take(limit)
                .ToListAsync(cancellationToken));
        });

    [McpServerTool(Name = "quote", ReadOnly = true, OpenWorld = false)]
    [Description("The latest quote of instruments (v_latest_prices): time, bid, ask, last and mark price (mid, else last). All instruments with a price when no symbol is given.")]
    public Task<List<Dictionary<string, object?>>> QuoteAsync(
        [Description("Instruments, e.g. [\"BTC/USDT\"]; absent: every instrument with a price.")] string[]? symbols = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            var wanted = symbols?.Select(s => s.Trim().ToUpperInvariant()).ToArray();
            await using var client = database.CreateContext();
            return CliRows.From(await client.LatestPrices
                .Where(l => wanted == null || wanted.Contains(l.Symbol))
                .OrderBy(l => l.Symbol)
                .ToListAsync(cancellationToken));
        });

    public static McpException UnknownAccount(string account) =>
        new($"unknown account '{account}' (or one this login may not read).");
}
