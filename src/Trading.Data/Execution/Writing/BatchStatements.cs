namespace Trading.Data.Execution.Writing;

/// <summary>
/// The statements a batch sends, generated from <see cref="BatchTables"/>: the column lists, the unnest() casts and the
/// parameter numbers come from the declarations; only what is not a declared column (the batch's time, guards,
/// conflict rules) is written here. A statement's scalars come after its columns (<c>Scalar(1)</c> is the time).
/// </summary>
internal static class BatchStatements
{
    private static readonly string Now = BatchTables.Orders.Scalar(1);

    public const string NextIds = """
        SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('paper_orders', 'order_id')) FROM generate_series(1, $1)) AS order_ids,
               ARRAY(SELECT nextval(pg_get_serial_sequence('paper_fills', 'fill_id')) FROM generate_series(1, $2)) AS fill_ids
        """;

    public static readonly string FilledOrders = BatchTables.FilledOrders.Insert(
        ("parent_decision_id", "r.decision_id"), ("status", "'filled'"), ("filled_quantity", "r.quantity"),
        ("created_at", BatchTables.FilledOrders.Scalar(1)), ("updated_at", BatchTables.FilledOrders.Scalar(1)));

    public static readonly string Orders = BatchTables.Orders.Insert(("updated_at", Now));

    // Guarded by the state the order was loaded in: a working order someone else changed cannot be changed twice.
    public static readonly string OrderUpdates = $"""
        UPDATE paper_orders o
        SET {BatchTables.OrderUpdates.Assignments("u", "order_id")}, updated_at = {BatchTables.OrderUpdates.Scalar(1)}
        FROM {BatchTables.OrderUpdates.Unnest("u")}
        WHERE o.order_id = u.order_id AND o.status IN {SqlText.WorkingOrderStatuses} AND o.filled_quantity = u.was_filled
        """;

    public static readonly string Marks = BatchTables.Marks.Insert() + """

        ON CONFLICT (account, symbol)
        DO UPDATE SET evaluated_through = GREATEST(paper_order_marks.evaluated_through, EXCLUDED.evaluated_through)
        """;

    public static readonly string Cancels = $"""
        UPDATE paper_cancel_requests c
        SET status = CASE WHEN u.done THEN 'done' ELSE 'rejected' END, outcome = u.outcome, processed_at = statement_timestamp()
        FROM {BatchTables.Cancels.Unnest("u")}
        WHERE c.request_id = u.request_id AND c.status = 'pending'
        """;

    public static readonly string Fills = BatchTables.Fills.Insert(("filled_at", BatchTables.Fills.Scalar(1)));

    public static readonly string Trades = BatchTables.Trades.Insert();

    public static readonly string TradeStats = BatchTables.TradeStats.Call();

    public static readonly string Ledger = BatchTables.Ledger.Insert(("time", BatchTables.Ledger.Scalar(1)));

    public static readonly string DeletePositions = $"""
        DELETE FROM paper_positions p
        USING {BatchTables.ChangedPositions.Unnest("c")}
        WHERE p.account = c.account AND p.symbol = c.symbol
        """;

    public static readonly string Positions = BatchTables.Positions.Insert(("updated_at", BatchTables.Positions.Scalar(1)));

    // A breached loss limit halts the account in the same transaction as the batch that found the breach.
    public static readonly string Cash = $"""
        UPDATE accounts a
        SET cash = c.cash,
            halted = a.halted OR c.halt IS NOT NULL,
            halt_reason = CASE WHEN c.halt IS NOT NULL AND NOT a.halted THEN c.halt ELSE a.halt_reason END
        FROM {BatchTables.Cash.Unnest("c")}
        WHERE a.account = c.account
        """;

    // status = 'pending' guards exactly-once: a decision someone else finished cannot be finished twice.
    public static readonly string Decisions = $"""
        UPDATE trading_decisions d
        SET {BatchTables.Decisions.Assignments("u", "id")}, processed_at = statement_timestamp()
        FROM {BatchTables.Decisions.Unnest("u")}
        WHERE d.id = u.id AND d.status = 'pending'
        """;
}
