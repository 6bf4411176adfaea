using Npgsql;
using Trading.Engine.Execution;

namespace Trading.Data.Execution;

/// <summary>
/// Turns a batch's results into set-based statements (one unnest-ed INSERT or UPDATE per table) sent in one round
/// trip. Order and fill ids are drawn from their sequences first because fills, ledger rows, trades and decisions
/// point at them. Market orders filled on arrival (nearly all orders) take a narrow insert; orders with working state
/// take the full one; orders that were already working are updated, guarded by the state they were loaded in.
/// </summary>
internal static class BatchWriter
{
    private const string NextIdsSql = """
        SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('paper_orders', 'order_id')) FROM generate_series(1, $1)),
               ARRAY(SELECT nextval(pg_get_serial_sequence('paper_fills', 'fill_id')) FROM generate_series(1, $2))
        """;

    private const string FilledOrdersSql = """
        INSERT INTO paper_orders (order_id, account, decision_id, parent_decision_id, symbol, side, order_type, time_in_force,
                                  quantity, status, filled_quantity, avg_fill_price, reduce_only, created_at, updated_at)
        SELECT o.id, o.account, o.decision_id, o.decision_id, o.symbol, o.side, o.order_type, o.tif, o.quantity, 'filled',
               o.quantity, o.price, o.reduce_only, $11, $11
        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                    $9::numeric[], $10::boolean[])
             AS o(id, account, decision_id, symbol, side, order_type, tif, quantity, price, reduce_only)
        """;

    private const string OrdersSql = """
        INSERT INTO paper_orders (order_id, account, decision_id, symbol, side, order_type, time_in_force, quantity, status,
                                  filled_quantity, avg_fill_price, reason, limit_price, stop_price, role, parent_decision_id,
                                  reduce_only, oco_group, trailing_offset, trailing_is_percent, best_price, triggered,
                                  expires_at, evaluated_through, created_at, updated_at)
        SELECT o.*, $26
        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                    $9::text[], $10::numeric[], $11::numeric[], $12::text[], $13::numeric[], $14::numeric[], $15::text[],
                    $16::bigint[], $17::boolean[], $18::bigint[], $19::numeric[], $20::boolean[], $21::numeric[],
                    $22::boolean[], $23::timestamptz[], $24::timestamptz[], $25::timestamptz[]) AS o
        """;

    // Guarded by the state the order was loaded in: a working order someone else changed cannot be changed twice.
    private static readonly string UpdateOrdersSql = $"""
        UPDATE paper_orders o
        SET status = u.status, filled_quantity = u.filled, avg_fill_price = u.avg, reason = u.reason, stop_price = u.stop,
            best_price = u.best, triggered = u.triggered, evaluated_through = u.through, updated_at = $11
        FROM unnest($1::bigint[], $2::text[], $3::numeric[], $4::numeric[], $5::text[], $6::numeric[], $7::numeric[],
                    $8::boolean[], $9::timestamptz[], $10::numeric[])
             AS u(id, status, filled, avg, reason, stop, best, triggered, through, was_filled)
        WHERE o.order_id = u.id AND o.status IN {SqlText.WorkingOrderStatuses} AND o.filled_quantity = u.was_filled
        """;

    private const string MarksSql = """
        INSERT INTO paper_order_marks AS m (account, symbol, evaluated_through)
        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
        ON CONFLICT (account, symbol) DO UPDATE SET evaluated_through = GREATEST(m.evaluated_through, EXCLUDED.evaluated_through)
        """;

    private const string CancelsSql = """
        UPDATE paper_cancel_requests c
        SET status = CASE WHEN u.done THEN 'done' ELSE 'rejected' END, outcome = u.outcome, processed_at = clock_timestamp()
        FROM unnest($1::bigint[], $2::boolean[], $3::text[]) AS u(id, done, outcome)
        WHERE c.request_id = u.id AND c.status = 'pending'
        """;

    private const string FillsSql = """
        INSERT INTO paper_fills (fill_id, order_id, account, symbol, side, quantity, price, notional, fee, liquidity,
                                 reference_price, slippage_fraction, slippage_cost, decision_price, quote_time, quote_bid,
                                 quote_ask, quote_last, quote_bid_size, quote_ask_size, slippage_model, fee_model,
                                 model_parameters, random_seed, latency, filled_at)
        SELECT f.*, $26
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[],
                    $8::numeric[], $9::numeric[], $10::text[], $11::numeric[], $12::numeric[], $13::numeric[],
                    $14::numeric[], $15::timestamptz[], $16::numeric[], $17::numeric[], $18::numeric[], $19::numeric[],
                    $20::numeric[], $21::text[], $22::text[], $23::text[], $24::bigint[], $25::interval[]) AS f
        """;

    private const string TradesSql = """
        INSERT INTO paper_trades (account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional,
                                  entry_time, exit_time, realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id,
                                  decision_id, agent, strategy)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[],
                             $8::numeric[], $9::timestamptz[], $10::timestamptz[], $11::numeric[], $12::numeric[],
                             $13::numeric[], $14::numeric[], $15::bigint[], $16::bigint[], $17::text[], $18::text[])
        """;

    // The read-side aggregates move with the trades, in the same transaction.
    private const string TradeStatsSql = "SELECT paper_add_trades($1::text[], $2::timestamptz[], $3::numeric[], $4::numeric[], $5::numeric[], $6::interval[])";

    private const string LedgerSql = """
        INSERT INTO paper_ledger (account, time, kind, amount, symbol, order_id, fill_id)
        SELECT l.account, $7, l.kind, l.amount, l.symbol, l.order_id, l.fill_id
        FROM unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::bigint[], $6::bigint[])
             AS l(account, kind, amount, symbol, order_id, fill_id)
        """;

    private const string DeletePositionsSql = """
        DELETE FROM paper_positions p
        USING unnest($1::text[], $2::text[]) AS c(account, symbol)
        WHERE p.account = c.account AND p.symbol = c.symbol
        """;

    private const string InsertPositionsSql = """
        INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at)
        SELECT p.*, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::timestamptz[])
             AS p(account, symbol, side, quantity, cost_basis, entry_fees, opened_at)
        """;

    // A breached loss limit halts the account in the same transaction as the batch that found the breach.
    private const string CashSql = """
        UPDATE accounts a
        SET cash = c.cash,
            halted = a.halted OR c.halt IS NOT NULL,
            halt_reason = CASE WHEN c.halt IS NOT NULL AND NOT a.halted THEN c.halt ELSE a.halt_reason END
        FROM unnest($1::text[], $2::numeric[], $3::text[]) AS c(account, cash, halt)
        WHERE a.account = c.account
        """;

    // status = 'pending' guards exactly-once: a decision someone else finished cannot be finished twice.
    private const string DecisionsSql = """
        UPDATE trading_decisions d
        SET status = u.status, status_reason = u.reason, order_id = u.order_id, processed_at = clock_timestamp()
        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) AS u(id, status, reason, order_id)
        WHERE d.id = u.id AND d.status = 'pending'
        """;

    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, IReadOnlyList<BatchResult> results,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var newOrders = results.Sum(r => r.Orders?.Count(o => OrderIds.IsProvisional(o.Id)) ?? 0);
        var newFills = results.Sum(r => r.Fills?.Count ?? 0);
        var (orderIds, fillIds) = await NextIdsAsync(connection, transaction, newOrders, newFills, cancellationToken);
        var rows = BatchRows.Build(batch, results, orderIds, fillIds);

        await using var write = new NpgsqlBatch(connection, transaction);
        if (rows.FilledOrders.Count > 0)
        {
            write.BatchCommands.Add(rows.FilledOrders.ToCommand(FilledOrdersSql, now));
        }

        if (rows.Orders.Count > 0)
        {
            write.BatchCommands.Add(rows.Orders.ToCommand(OrdersSql, now));
        }

        if (rows.Fills.Count > 0)
        {
            write.BatchCommands.Add(rows.Fills.ToCommand(FillsSql, now));
            write.BatchCommands.Add(rows.Ledger.ToCommand(LedgerSql, now));
        }

        NpgsqlBatchCommand? updates = null;
        if (rows.OrderUpdates.Count > 0)
        {
            updates = rows.OrderUpdates.ToCommand(UpdateOrdersSql, now);
            write.BatchCommands.Add(updates);
        }

        if (rows.Trades.Count > 0)
        {
            write.BatchCommands.Add(rows.Trades.ToCommand(TradesSql));
            write.BatchCommands.Add(rows.TradeStats.ToCommand(TradeStatsSql));
        }

        if (rows.ChangedPositions.Count > 0)
        {
            write.BatchCommands.Add(rows.ChangedPositions.ToCommand(DeletePositionsSql));
        }

        if (rows.Positions.Count > 0)
        {
            write.BatchCommands.Add(rows.Positions.ToCommand(InsertPositionsSql, now));
        }

        if (rows.Marks.Count > 0)
        {
            write.BatchCommands.Add(rows.Marks.ToCommand(MarksSql));
        }

        write.BatchCommands.Add(rows.Cash.ToCommand(CashSql));
        var decisions = rows.Decisions.ToCommand(DecisionsSql);
        write.BatchCommands.Add(decisions);
        if (rows.Cancels.Count > 0)
        {
            write.BatchCommands.Add(rows.Cancels.ToCommand(CancelsSql));
        }

        await write.ExecuteNonQueryAsync(cancellationToken);

        if (updates is not null && updates.RecordsAffected != rows.OrderUpdates.Count)
        {
            throw new InvalidOperationException(
                $"Expected to update {rows.OrderUpdates.Count} working orders, updated {updates.RecordsAffected}: " +
                "another writer changed them; the batch is rolled back.");
        }

        if (decisions.RecordsAffected != rows.Decisions.Count)
        {
            // Unreachable while the account lock is held; if it ever happens, nothing of this batch may commit.
            throw new InvalidOperationException(
                $"Expected to finish {rows.Decisions.Count} pending decisions, finished {decisions.RecordsAffected}: " +
                "another writer changed them; the batch is rolled back.");
        }
    }

    private static async Task<(long[] Orders, long[] Fills)> NextIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int orders, int fills, CancellationToken cancellationToken)
    {
        if (orders == 0 && fills == 0)
        {
            return ([], []);
        }

        await using var command = new NpgsqlCommand(NextIdsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = orders });
        command.Parameters.Add(new NpgsqlParameter { Value = fills });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<long[]>(0), reader.GetFieldValue<long[]>(1));
    }
}
