using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Execution;
using Trading.Engine.Positions;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// Step 2 of a claim, the locked accounts' own state: cancel requests that need no matching are answered, then their
/// settings and cash, pending decisions, positions, risk limits and working orders are read (one round trip with the
/// market read).
/// </summary>
internal static class AccountStateRead
{
    // Cancel requests that need no matching are answered here, before the decisions are read: a pending decision is
    // canceled outright; a request for an order that is not working (filled, canceled, unknown, another account's) is
    // refused with the reason. Requests for working orders stay pending for the engine, which applies them at their
    // time between the quotes. Every join has `account` (Citus refuses a join on ids alone); whether a target the
    // request's account does not hold is another account's or nobody's is a lookup by id (the keys lead with the id),
    // made only for those targets.
    public static readonly string ResolveCancelsSql = $"""
        WITH req AS (
            SELECT c.request_id, c.account, c.order_id, c.decision_id, d.status AS d_status, o.status AS o_status
            FROM paper_cancel_requests c
            LEFT JOIN trading_decisions d ON d.account = c.account AND d.id = c.decision_id
            LEFT JOIN paper_orders o ON o.account = c.account AND o.order_id = c.order_id
            WHERE c.account = ANY ($1) AND c.status = 'pending'
        ), decisions_elsewhere AS (
            SELECT DISTINCT d.id FROM trading_decisions d
            WHERE d.id IN (SELECT r.decision_id FROM req r WHERE r.decision_id IS NOT NULL AND r.d_status IS NULL)
        ), orders_elsewhere AS (
            SELECT DISTINCT o.order_id FROM paper_orders o
            WHERE o.order_id IN (SELECT r.order_id FROM req r WHERE r.order_id IS NOT NULL AND r.o_status IS NULL)
        ), canceled AS (
            UPDATE trading_decisions d
            -- text || text: Citus refuses text || bigint (a STABLE operator) over columns in an UPDATE.
            SET status = 'canceled', status_reason = 'canceled by request ' || r.request_id::text, processed_at = statement_timestamp()
            FROM req r
            WHERE d.account = r.account AND d.id = r.decision_id AND d.status = 'pending'
            RETURNING r.request_id
        ), answered AS (
            SELECT r.request_id, r.account, x.request_id IS NOT NULL AS done,
                   CASE
                       WHEN x.request_id IS NOT NULL THEN 'decision ' || r.decision_id || ' canceled'
                       WHEN r.decision_id IS NOT NULL AND r.d_status IS NULL AND de.id IS NULL THEN 'there is no decision ' || r.decision_id
                       WHEN r.decision_id IS NOT NULL AND r.d_status IS NULL
                           THEN 'decision ' || r.decision_id || ' is not a decision of account ' || r.account
                       -- Still pending in this snapshot yet not canceled by this request: an earlier request in the batch did it.
                       WHEN r.decision_id IS NOT NULL AND r.d_status = 'pending' THEN 'decision ' || r.decision_id || ' is already canceled'
                       WHEN r.decision_id IS NOT NULL THEN 'decision ' || r.decision_id || ' is already ' || r.d_status
                       WHEN r.o_status IS NULL AND oe.order_id IS NULL THEN 'there is no order ' || r.order_id
                       WHEN r.o_status IS NULL THEN 'order ' || r.order_id || ' is not an order of account ' || r.account
                       ELSE 'order ' || r.order_id || ' is already ' || r.o_status
                   END AS outcome
            FROM req r
            LEFT JOIN canceled x ON x.request_id = r.request_id
            LEFT JOIN decisions_elsewhere de ON de.id = r.decision_id
            LEFT JOIN orders_elsewhere oe ON oe.order_id = r.order_id
            WHERE r.decision_id IS NOT NULL OR r.o_status IS NULL OR r.o_status NOT IN {SqlText.WorkingOrderStatuses}
        )
        UPDATE paper_cancel_requests c
        SET status = CASE WHEN a.done THEN 'done' ELSE 'rejected' END, outcome = a.outcome, processed_at = statement_timestamp()
        FROM answered a
        WHERE c.account = a.account AND c.request_id = a.request_id
        """;

    public static readonly string SettingsSql = $"""
        SELECT {AccountSettings.Columns}, a.epoch FROM accounts a WHERE a.account = ANY ($1)
        """;

    public const string DecisionsSql = """
        SELECT d.id, d.account, d.symbol, d.decision, d.confidence, d.risk_score, d.quantity, d.notional, d.order_type,
               d.current_price, d.created_at, d.agent, d.strategy, d.attempts, d.limit_price, d.stop_price, d.trailing_offset,
               d.time_in_force, d.expires_at, d.stop_loss, d.take_profit, d.exit_unit, d.price_as_of, d.login, d.reduce_only
        FROM accounts a
        CROSS JOIN LATERAL (
            SELECT * FROM trading_decisions d
            WHERE d.account = a.account AND d.status = 'pending'
            ORDER BY d.id
            LIMIT $2
        ) d
        WHERE a.account = ANY ($1)
        ORDER BY d.account, d.id
        """;

    public const string PositionsSql = """
        SELECT account, symbol, side, quantity, cost_basis, entry_fees, opened_at
        FROM paper_positions WHERE account = ANY ($1)
        """;

    // The working orders, with what their decision asked for: the agent, strategy and login (limits, attribution) and, for
    // an entry that has not filled yet, the exits to attach when it does.
    public static readonly string OrdersSql = $"""
        SELECT o.order_id, o.account, o.symbol, o.side, o.order_type, o.time_in_force, o.quantity, o.filled_quantity,
               o.avg_fill_price, o.limit_price, o.stop_price, o.trailing_offset, o.trailing_is_percent, o.best_price,
               o.triggered, o.expires_at, o.created_at, o.oco_group, o.parent_decision_id, o.role, o.reduce_only,
               GREATEST(o.evaluated_through, m.evaluated_through) AS evaluated_through, o.status, o.reason, d.agent, d.strategy,
               d.stop_loss, d.take_profit, CASE WHEN d.order_type <> 'trailing_stop' THEN d.trailing_offset END AS exit_trailing_offset,
               d.exit_unit, d.login, o.queue_ahead
        FROM paper_orders o
        LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
        LEFT JOIN trading_decisions d ON d.account = o.account AND d.id = o.parent_decision_id
        WHERE o.account = ANY ($1) AND o.status IN {SqlText.WorkingOrderStatuses}
        ORDER BY o.order_id
        """;

    public static async Task ReadSettingsAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var account = AccountSettings.Read(row);
            state.Accounts[account.Config.AccountId] = account;
            state.Epochs[account.Config.AccountId] = row.Int32("epoch");
        }
    }

    public static async Task ReadDecisionsAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            state.DecisionIds.Add(row.Int64("id"));
            state.Decisions[row.Text("account")].Add(DecisionRows.Read(row));
        }
    }

    public static async Task ReadPositionsAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            state.Positions[row.Text("account")].Add(new Position(
                row.Text("symbol"),
                SqlText.PositionSides.Parse(row.Text("side")),
                row.Decimal("quantity"),
                row.Decimal("cost_basis"),
                row.Decimal("entry_fees"),
                row.Time("opened_at")));
        }
    }

    public static async Task ReadLimitsAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var account = row.Text("account");
            if (!state.Limits.TryGetValue(account, out var list))
            {
                state.Limits[account] = list = [];
            }

            list.Add(RiskStore.ReadLimit(row));
        }
    }

    public static async Task ReadOrdersAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var order = OrderRows.Read(row);
            state.Orders[order.AccountId].Add(order);
        }
    }

    /// <summary>The account's pending cancel requests for working orders (read with the quote path, when it has orders).</summary>
    public const string CancelsSql = """
        SELECT c.request_id, c.account, c.order_id, c.requested_at
        FROM paper_cancel_requests c
        WHERE c.account = ANY ($1) AND c.status = 'pending'
        ORDER BY c.request_id
        """;

    public static async Task ReadCancelsAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            state.Cancels[row.Text("account")].Add(new CancelRequest(row.Int64("request_id"), row.Int64("order_id"), row.Time("requested_at")));
        }
    }
}
