using System.Diagnostics;
using Npgsql;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// The database's own ceiling for the orchestrator's writes: the same rows (claim, order, fill, two ledger entries,
/// a trade per closing fill, position upsert or delete, cash, decision status) written by one set-based statement per
/// account batch, with no engine and no round trips beyond the statement. Its accounting is deliberately simplistic;
/// only its write cost matters.
/// </summary>
public static class RawCeiling
{
    private const string BatchSql = """
        WITH claimed AS (
            SELECT d.id, d.account, d.symbol, d.decision, d.quantity FROM trading_decisions d
            WHERE d.account = $1 AND d.status = 'pending' ORDER BY d.id LIMIT $2 FOR UPDATE
        ), priced AS (
            SELECT c.*, CASE c.decision WHEN 'BUY' THEN q.ask ELSE q.bid END AS price,
                   CASE c.decision WHEN 'BUY' THEN 'buy' ELSE 'sell' END AS side,
                   nextval(pg_get_serial_sequence('paper_orders', 'order_id')) AS order_id,
                   nextval(pg_get_serial_sequence('paper_fills', 'fill_id')) AS fill_id
            FROM claimed c JOIN v_latest_prices q USING (symbol)
        ), o AS (
            INSERT INTO paper_orders (order_id, account, decision_id, symbol, side, order_type, quantity, status, filled_quantity,
                                      avg_fill_price, created_at, updated_at)
            SELECT order_id, account, id, symbol, side, 'market', quantity, 'filled', quantity, price, now(), now() FROM priced
        ), f AS (
            INSERT INTO paper_fills (fill_id, order_id, account, symbol, side, quantity, price, notional, fee, liquidity,
                                     reference_price, slippage_fraction, slippage_cost, quote_time, slippage_model, fee_model,
                                     model_parameters, random_seed, filled_at)
            SELECT fill_id, order_id, account, symbol, side, quantity, price, quantity * price, round(quantity * price * 0.001, 10),
                   'taker', price, 0, 0, now(), 'none', 'rate', '{}', 0, now()
            FROM priced
        ), l AS (
            INSERT INTO paper_ledger (account, time, kind, amount, symbol, order_id, fill_id)
            SELECT account, now(), k.kind,
                   CASE WHEN k.kind = 'fee' THEN -round(quantity * price * 0.001, 10)
                        WHEN side = 'buy' THEN -quantity * price ELSE quantity * price END,
                   symbol, order_id, fill_id
            FROM priced CROSS JOIN (VALUES ('trade'), ('fee')) AS k(kind)
        ), t AS (
            INSERT INTO paper_trades (account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional, entry_time,
                                      exit_time, realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id, decision_id)
            SELECT account, symbol, 'long', quantity, price, price, quantity * price, quantity * price, now(), now(), 0, 0, 0, 0,
                   order_id, id
            FROM priced WHERE side = 'sell'
        ), net AS (
            SELECT symbol, sum(CASE side WHEN 'buy' THEN quantity ELSE -quantity END) AS dq,
                   sum(CASE side WHEN 'buy' THEN quantity * price ELSE -quantity * price END) AS dc
            FROM priced GROUP BY symbol
        ), merged AS (
            SELECT n.symbol, COALESCE(p.signed_quantity, 0) + n.dq AS q,
                   COALESCE(CASE p.side WHEN 'long' THEN p.cost_basis ELSE -p.cost_basis END, 0) + n.dc AS c
            FROM net n LEFT JOIN paper_positions p ON p.account = $1 AND p.symbol = n.symbol
        ), del AS (
            DELETE FROM paper_positions p USING merged m WHERE p.account = $1 AND p.symbol = m.symbol AND m.q = 0
        ), up AS (
            INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at)
            SELECT $1, symbol, CASE WHEN q > 0 THEN 'long' ELSE 'short' END, abs(q), GREATEST(abs(c), 0.0000000001), 0, now(), now()
            FROM merged WHERE q <> 0
            ON CONFLICT (account, symbol) DO UPDATE
            SET side = EXCLUDED.side, quantity = EXCLUDED.quantity, cost_basis = EXCLUDED.cost_basis, updated_at = now()
        ), a AS (
            UPDATE accounts SET cash = cash - (SELECT COALESCE(sum(CASE side WHEN 'buy' THEN quantity * price ELSE -quantity * price END), 0) FROM priced)
            WHERE account = $1
        )
        UPDATE trading_decisions d SET status = 'executed', status_reason = 'raw ceiling', processed_at = clock_timestamp(),
                                       order_id = p.order_id
        FROM priced p WHERE d.id = p.id
        """;

    /// <summary>Runs batches over all accounts with <paramref name="connections"/> concurrent sessions; returns rows/s.</summary>
    public static async Task<decimal> RunAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> accounts, int batchSize, int connections, Action<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(progress);
        long done = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var idle = 0;
            while (idle < accounts.Count)
            {
                var account = accounts[(int)((uint)Interlocked.Increment(ref next) % accounts.Count)];
                await using var command = new NpgsqlCommand(BatchSql, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = account });
                command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
                var rows = await command.ExecuteNonQueryAsync(cancellationToken);
                idle = rows == 0 ? idle + 1 : 0;
                progress(Interlocked.Add(ref done, rows));
            }
        }));
        return Math.Round(done / (decimal)Stopwatch.GetElapsedTime(started).TotalSeconds, 0);
    }
}
