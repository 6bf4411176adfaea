using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Npgsql;
using NpgsqlTypes;
using Trading.Data.Execution;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// `decide` and `get_decision`: an agent's INSERT into trading_decisions and its outcome. Parameter names are the JSON
/// schema's property names, so they are spelled as the trading_decisions columns an agent reading the SQL contract knows.
/// </summary>
[McpServerToolType]
public sealed class DecisionTools(AgentDatabase database)
{
    // A column named here takes no default: what was not given gets the schema's. A repeated idempotency key inserts
    // nothing (ON CONFLICT needs no privilege beyond INSERT) and the decision already recorded under it is returned.
    private static readonly string InsertSql = WakeUps.Notifying("""
        INSERT INTO trading_decisions (account, agent, strategy, symbol, decision, confidence, risk_score, reasoning, current_price,
                                       quantity, notional, order_type, limit_price, stop_price, stop_loss, take_profit,
                                       trailing_offset, exit_unit, time_in_force, expires_at, idempotency_key, reduce_only)
        VALUES (COALESCE(@account, 'default'), @agent, @strategy, @symbol, @decision, @confidence, @risk_score, @reasoning, @current_price,
                @quantity, @notional, COALESCE(@order_type, 'market'), @limit_price, @stop_price, @stop_loss, @take_profit,
                @trailing_offset, COALESCE(@exit_unit, 'price'), COALESCE(@time_in_force, 'gtc'), @expires_at, @idempotency_key,
                COALESCE(@reduce_only, false))
        ON CONFLICT (account, idempotency_key) DO NOTHING
        RETURNING id
        """, "id");

    private const string ExistingSql = "SELECT id FROM trading_decisions WHERE account = COALESCE(@account, 'default') AND idempotency_key = @idempotency_key";

    [McpServerTool(Name = "decide", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("""
        Send a trading decision to the paper-trading orchestrator (an INSERT into trading_decisions). The orchestrator sizes it
        by confidence and risk (or takes quantity/notional), fills it at the latest quote with fees and slippage, and gives it a
        terminal status: executed, placed (a resting order), skipped, rejected, failed, expired or canceled, always with a
        status_reason. Returns the decision id and its status; with `wait` it follows the decision and returns the outcome
        (status, reason (the status_reason), order_id and, where this login may read fills, the fill's price, quantity and fee). A row the
        database refuses (bad value, unknown account or symbol) is an error naming the constraint.
        """)]
    public Task<DecisionOutcome> DecideAsync(
        [Description("Instrument, e.g. BTC/USDT (see the `quote` tool for those with prices).")] string symbol,
        [Description("BUY (open/add long or cover a short), SELL (close a long, or open a short where allowed), CLOSE (flatten), HOLD (recorded, skipped).")] string decision,
        [Description("Confidence in [0, 1]; scales the size and must reach the account's threshold.")] decimal confidence,
        [Description("Account to trade (default 'default').")] string? account = null,
        [Description("Agent name recorded with the decision (a label).")] string? agent = null,
        [Description("Strategy name recorded with the decision.")] string? strategy = null,
        [Description("Risk score in [0, 1]; higher sizes smaller.")] decimal? risk_score = null,
        [Description("Why: kept with the decision (at most 20000 characters).")] string? reasoning = null,
        [Description("The price the agent saw (informational; the fill uses the orchestrator's quote).")] decimal? current_price = null,
        [Description("Explicit quantity instead of confidence sizing (not with notional).")] decimal? quantity = null,
        [Description("Explicit notional in the account currency (not with quantity).")] decimal? notional = null,
        [Description("market (default), limit, stop, stop_limit or trailing_stop.")] string? order_type = null,
        [Description("Limit price: required for limit and stop_limit, refused otherwise.")] decimal? limit_price = null,
        [Description("Stop (trigger) price: required for stop and stop_limit, refused otherwise.")] decimal? stop_price = null,
        [Description("Bracket stop-loss level for the position this opens (a price, or a percent with exit_unit 'percent').")] decimal? stop_loss = null,
        [Description("Bracket take-profit level (a price, or a percent with exit_unit 'percent').")] decimal? take_profit = null,
        [Description("Trailing distance: a trailing_stop order's own offset, or a trailing exit on any other entry.")] decimal? trailing_offset = null,
        [Description("What stop_loss, take_profit and trailing_offset mean: 'price' (default; absolute levels/distances) or 'percent'.")] string? exit_unit = null,
        [Description("gtc (default), day, ioc, fok or gtd (needs expires_at).")] string? time_in_force = null,
        [Description("Expiry of a gtd order, ISO 8601 with offset, e.g. 2026-12-01T08:00:00Z.")] DateTimeOffset? expires_at = null,
        [Description("Client key, unique per account: sending the same key again returns the decision already recorded under it.")] string? idempotency_key = null,
        [Description("true: the order may only reduce the position (capped at it, canceled once it is flat or reversed). Default false: a plain order, which may open the other side. CLOSE is always reduce-only.")] bool? reduce_only = null,
        [Description("Seconds (at most 120) to wait for the outcome; 0 or absent returns at once with status pending. Needs `trading run` to be running.")] double? wait = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            var timeout = WaitTime.From(wait);
            var parameters = new NpgsqlParameter[]
            {
                Text("account", account), Text("agent", agent), Text("strategy", strategy),
                Text("symbol", symbol.Trim().ToUpperInvariant()), Text("decision", decision.Trim().ToUpperInvariant()),
                Number("confidence", confidence), Number("risk_score", risk_score), Text("reasoning", reasoning),
                Number("current_price", current_price), Number("quantity", quantity), Number("notional", notional),
                Text("order_type", order_type?.Trim().ToLowerInvariant()), Number("limit_price", limit_price), Number("stop_price", stop_price),
                Number("stop_loss", stop_loss), Number("take_profit", take_profit), Number("trailing_offset", trailing_offset),
                Text("exit_unit", exit_unit?.Trim().ToLowerInvariant()), Text("time_in_force", time_in_force?.Trim().ToLowerInvariant()),
                new NpgsqlParameter("expires_at", NpgsqlDbType.TimestampTz) { Value = expires_at is { } e ? e.ToUniversalTime() : DBNull.Value },
                Text("idempotency_key", idempotency_key),
                new NpgsqlParameter("reduce_only", NpgsqlDbType.Boolean) { Value = (object?)reduce_only ?? DBNull.Value },
            };
            var id = await InsertAsync(parameters, account, idempotency_key, cancellationToken);
            return timeout is { } t
                ? await DecisionOutcomes.WaitAsync(database, id, t, cancellationToken)
                : await DecisionOutcomes.ReadAsync(database, id, cancellationToken);
        });

    [McpServerTool(Name = "get_decision", ReadOnly = true, OpenWorld = false)]
    [Description("""
        One decision by id: its status (pending until the orchestrator processes it), reason (the status_reason), order_id and, where this
        login may read fills, the fill. With `wait`, follows a pending decision until it is terminal.
        """)]
    public Task<DecisionOutcome> GetDecisionAsync(
        [Description("The decision id returned by `decide`.")] long id,
        [Description("Seconds (at most 120) to wait while it is pending; absent or 0 reads it once.")] double? wait = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () => WaitTime.From(wait) is { } timeout
            ? await DecisionOutcomes.WaitAsync(database, id, timeout, cancellationToken)
            : await DecisionOutcomes.ReadAsync(database, id, cancellationToken));

    private async Task<long> InsertAsync(NpgsqlParameter[] parameters, string? account, string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(InsertSql, connection))
        {
            insert.Parameters.AddRange(parameters);
            if (await insert.ExecuteScalarAsync(cancellationToken) is long id)
            {
                return id;
            }
        }

        await using var existing = new NpgsqlCommand(ExistingSql, connection);
        existing.Parameters.Add(Text("account", account));
        existing.Parameters.Add(Text("idempotency_key", idempotencyKey));
        return await existing.ExecuteScalarAsync(cancellationToken) as long?
            ?? throw new McpException("the decision was not recorded and none exists under its idempotency key.");
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Number(string name, decimal? value) => new(name, NpgsqlDbType.Numeric) { Value = (object?)value ?? DBNull.Value };
}
