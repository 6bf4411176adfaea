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
    // time between the quotes.
    public static readonly string ResolveCancelsSql = $"""
        WITH req AS (
            SELECT c.request_id, c.account, c.order_id, c.decision_id,
                   d.account AS d_account, d.status AS d_status, o.account AS o_account, o.status AS o_status
            FROM paper_cancel_requests c
            LEFT JOIN trading_decisions d ON d.id = c.decision_id
            LEFT JOIN paper_orders o ON o.order_id = c.order_id
            WHERE c.account = ANY ($1) AND c.status = 'pending'
        ), canceled AS (
            UPDATE trading_decisions d
            SET status = 'canceled', status_reason = 'canceled by request ' || r.request_id, processed_at = statement_timestamp()
            FROM req r
            WHERE d.id = r.decision_id AND d.account = r.account AND d.status = 'pending'
            RETURNING d.id, r.request_id
        )
        UPDATE paper_cancel_requests c
        SET status = CASE WHEN EXISTS (SELECT 1 FROM canceled x WHERE x.request_id = r.request_id) THEN 'done' ELSE 'rejected' END,
            outcome = CASE
                WHEN EXISTS (SELECT 1 FROM canceled x WHERE x.request_id = r.request_id) THEN 'decision ' || r.decision_id || ' canceled'
                WHEN r.decision_id IS NOT NULL AND r.d_account IS NULL THEN 'there is no decision ' || r.decision_id
                WHEN r.decision_id IS NOT NULL AND r.d_account IS DISTINCT FROM r.account
                    THEN 'decision ' || r.decision_id || ' is not a decision of account ' || r.account
                -- Still pending in this snapshot yet not canceled by this request: an earlier request in the batch did it.
                WHEN r.decision_id IS NOT NULL AND r.d_status = 'pending' THEN 'decision ' || r.decision_id || ' is already canceled'
                WHEN r.decision_id IS NOT NULL THEN 'decision ' || r.decision_id || ' is already ' || r.d_status
                WHEN r.o_account IS NULL THEN 'there is no order ' || r.order_id
                WHEN r.o_account IS DISTINCT FROM r.account THEN 'order ' || r.order_id || ' is not an order of account ' || r.account
                ELSE 'order ' || r.order_id || ' is already ' || r.o_status
            END,
            processed_at = statement_timestamp()
        FROM req r
        WHERE c.request_id = r.request_id
          AND (r.decision_id IS NOT NULL OR r.o_account IS DISTINCT FROM r.account OR r.o_status NOT IN {SqlText.WorkingOrderStatuses})
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
