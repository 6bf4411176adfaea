using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Npgsql;
using NpgsqlTypes;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>`portfolio`, `trades` and `quote`: the v_paper_* views and v_latest_prices, as the login may read them.</summary>
[McpServerToolType]
public sealed class AccountTools(AgentDatabase database)
{
    private const string OverviewSql = "SELECT * FROM v_paper_portfolio_overview WHERE account = $1";
    private const string PositionsSql = "SELECT * FROM v_paper_open_positions WHERE account = $1 ORDER BY symbol";
    private const string OrdersSql = "SELECT * FROM v_paper_open_orders WHERE account = $1 ORDER BY order_id";

    private const string TradesSql = """
        SELECT * FROM v_paper_recent_trades
        WHERE account = $1 AND ($2::text IS NULL OR symbol = $2)
        ORDER BY exit_time DESC, trade_id DESC
        LIMIT $3
        """;

    private const string QuotesSql = "SELECT * FROM v_latest_prices WHERE $1::text[] IS NULL OR symbol = ANY ($1) ORDER BY symbol";

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
            var overview = await RowsAsync(OverviewSql, cancellationToken, CliParameters.Text(name));
            if (overview.Count == 0)
            {
                throw UnknownAccount(name);
            }

            return new PortfolioView(overview[0], await RowsAsync(PositionsSql, cancellationToken, CliParameters.Text(name)),
                await RowsAsync(OrdersSql, cancellationToken, CliParameters.Text(name)));
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
        ToolErrors.GuardAsync(database, () => limit is < 1 or > 1000
            ? throw new McpException($"limit {limit} is outside [1, 1000].")
            : RowsAsync(TradesSql, cancellationToken, CliParameters.Text(account ?? "default"), CliParameters.Text(symbol?.Trim().ToUpperInvariant()),
                new NpgsqlParameter { Value = limit }));

    [McpServerTool(Name = "quote", ReadOnly = true, OpenWorld = false)]
    [Description("The latest quote of instruments (v_latest_prices): time, bid, ask, last and mark price (mid, else last). All instruments with a price when no symbol is given.")]
    public Task<List<Dictionary<string, object?>>> QuoteAsync(
        [Description("Instruments, e.g. [\"BTC/USDT\"]; absent: every instrument with a price.")] string[]? symbols = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, () => RowsAsync(QuotesSql, cancellationToken, new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            Value = symbols is null ? DBNull.Value : symbols.Select(s => s.Trim().ToUpperInvariant()).ToArray(),
        }));

    public static McpException UnknownAccount(string account) =>
        new($"unknown account '{account}' (or one this login may not read).");

    private Task<List<Dictionary<string, object?>>> RowsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters) =>
        McpRows.ReadAsync(database, sql, cancellationToken, parameters);
}
