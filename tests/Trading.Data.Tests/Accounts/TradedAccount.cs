using Trading.Testing;

namespace Trading.Data.Tests.Accounts;

/// <summary>
/// A flat account with one epoch of history, every figure computable by hand:
///   capital 10000, deposit 500; BUY 0.1 BTC at 50000 (fee 5), SELL 0.1 at 51000 (fee 5.1); a HOLD skipped
///   cash   = 10000 + 500 - 5000 - 5 + 5100 - 5.1 = 10589.9; net P&amp;L = 100 - 5 - 5.1 = 89.9 = 10589.9 - 10000 - 500
///   rows   3 decisions, 2 orders, 2 fills, 1 trade, 5 ledger entries (deposit + trade and fee per fill),
///          2 snapshots on 2 days (so 2 daily-equity rows), 1 stats row
///   limits max_daily_loss 0.05 then 0.04, max_order_notional 6000: 2 limits, 3 history rows
///   settings fee_rate 0.0004, min_fee 0.5, shorting, leverage 2, seed 7, latency 250 ms (all must survive a reset)
/// Ids come from the identity columns, so any number of these accounts fit in one database.
/// </summary>
public static class TradedAccount
{
    public const decimal Cash = 10589.9m;
    public const decimal NetDeposits = 500m;
    public const decimal NetPnl = 89.9m;

    private const string Sql = """
        INSERT INTO accounts (account, initial_capital, cash, fee_rate, min_fee, allow_shorting, leverage, random_seed, latency)
        VALUES ('@a', 10000, 10000, 0.0004, 0.5, true, 2, 7, '250 milliseconds');
        SELECT deposit('@a', 500, 'top-up');
        INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('@a', 'max_daily_loss', 0.05), ('@a', 'max_order_notional', 6000);
        UPDATE paper_risk_limits SET threshold = 0.04 WHERE account = '@a' AND kind = 'max_daily_loss';
        INSERT INTO trading_decisions (account, agent, symbol, decision, confidence, idempotency_key) VALUES
            ('@a', 'bot', 'BTC/USDT', 'BUY', 0.9, 'k1'), ('@a', 'bot', 'BTC/USDT', 'SELL', 0.9, 'k2'), ('@a', 'bot', 'BTC/USDT', 'HOLD', 0.5, 'k3');
        -- A history written by hand: its decisions were made before their fills (the database stamped today).
        UPDATE trading_decisions SET created_at = timestamptz '2026-11-01 09:59+00' WHERE account = '@a';
        WITH o AS (
            INSERT INTO paper_orders (account, decision_id, symbol, side, order_type, quantity, status, filled_quantity, avg_fill_price, created_at, updated_at)
            SELECT d.account, d.id, d.symbol, v.side, 'market', 0.1, 'filled', 0.1, v.price, v.at, v.at
            FROM trading_decisions d
            JOIN (VALUES ('k1', 'buy', 50000, timestamptz '2026-11-01 10:00+00'),
                         ('k2', 'sell', 51000, timestamptz '2026-11-02 10:00+00')) AS v(key, side, price, at) ON v.key = d.idempotency_key
            WHERE d.account = '@a'
            RETURNING order_id, account, symbol, side, avg_fill_price AS price, created_at AS at
        ), f AS (
            INSERT INTO paper_fills (order_id, account, symbol, side, quantity, price, notional, fee, liquidity, reference_price,
                                     slippage_fraction, slippage_cost, quote_time, slippage_model, fee_model, model_parameters, random_seed, filled_at)
            SELECT order_id, account, symbol, side, 0.1, price, price * 0.1, price * 0.1 * 0.001, 'taker', price, 0, 0, at, 'none', 'rate', '{}', 7, at
            FROM o
            RETURNING fill_id, order_id, account, symbol, side, notional, fee, filled_at
        )
        INSERT INTO paper_ledger (account, time, kind, amount, symbol, order_id, fill_id)
        SELECT account, filled_at, 'trade', CASE side WHEN 'buy' THEN -notional ELSE notional END, symbol, order_id, fill_id FROM f
        UNION ALL
        SELECT account, filled_at, 'fee', -fee, symbol, order_id, fill_id FROM f;
        UPDATE accounts SET cash = cash - 5000 - 5 + 5100 - 5.1 WHERE account = '@a';
        UPDATE trading_decisions d SET status = 'executed', status_reason = 'filled', processed_at = now(), order_id = o.order_id
        FROM paper_orders o WHERE o.decision_id = d.id AND d.account = '@a';
        UPDATE trading_decisions SET status = 'skipped', status_reason = 'HOLD', processed_at = now()
        WHERE account = '@a' AND idempotency_key = 'k3';
        INSERT INTO paper_trades (account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional, entry_time, exit_time,
                                  realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id, decision_id, agent)
        SELECT d.account, 'BTC/USDT', 'long', 0.1, 50000, 51000, 5000, 5100, '2026-11-01 10:00+00', '2026-11-02 10:00+00', 100, 5, 5.1, 89.9,
               d.order_id, d.id, 'bot'
        FROM trading_decisions d WHERE d.account = '@a' AND d.idempotency_key = 'k2';
        INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl, realized_pnl,
                                               total_pnl, total_pnl_pct, num_positions) VALUES
            ('2026-11-01 20:00+00', '@a', 5495, 5050, 10545, 5050, 50, 0, 45, 0.4286, 1),
            ('2026-11-02 20:00+00', '@a', 10589.9, 0, 10589.9, 0, 0, 89.9, 89.9, 0.8562, 0);
        SELECT refresh_account_stats('@a');
        UPDATE accounts SET peak_equity = 10589.9 WHERE account = '@a';
        """;

    /// <summary>Creates the account under <paramref name="account"/> (a test-chosen name, never user input).</summary>
    public static Task CreateAsync(TestDatabase database, string account)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ExecuteAsync(Sql.Replace("@a", account, StringComparison.Ordinal));
    }
}
