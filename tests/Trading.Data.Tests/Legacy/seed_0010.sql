-- A day of an account's history in a database at migration 0010 (the original files): executed decisions, their orders
-- and fills, a closed round trip (trade), an open position, the ledger, snapshots and the aggregates the writers keep,
-- a resting limit order, a risk limit and a deposit. invariants() holds on it before and after the upgrade.
INSERT INTO accounts (account, initial_capital, cash) VALUES ('legacy', 10000, 10000);
INSERT INTO market_prices (time, symbol, bid, ask, last) VALUES
    ('2026-01-05 09:59:00+00', 'BTC/USDT', 49990, 50010, 50000),
    ('2026-01-05 10:59:00+00', 'BTC/USDT', 50990, 51010, 51000),
    ('2026-01-05 11:59:00+00', 'ETH/USDT', 2999, 3001, 3000);
INSERT INTO trading_decisions (id, account, agent, symbol, decision, confidence, current_price, quantity, status, status_reason, processed_at, created_at)
OVERRIDING SYSTEM VALUE
VALUES (1001, 'legacy', 'seed', 'BTC/USDT', 'BUY', 0.9, 50000, 0.1, 'pending', NULL, NULL, '2026-01-05 10:00:00+00'),
       (1002, 'legacy', 'seed', 'BTC/USDT', 'SELL', 0.9, 51000, 0.1, 'pending', NULL, NULL, '2026-01-05 11:00:00+00'),
       (1003, 'legacy', 'seed', 'ETH/USDT', 'BUY', 0.9, 3000, 1, 'pending', NULL, NULL, '2026-01-05 12:00:00+00'),
       (1004, 'legacy', 'seed', 'ETH/USDT', 'BUY', 0.9, 2900, 1, 'pending', NULL, NULL, '2026-01-05 12:30:00+00');
UPDATE trading_decisions SET order_type = 'limit', limit_price = 2900 WHERE id = 1004;
-- The insert trigger stamps created_at with the clock; the history is of a past day.
UPDATE trading_decisions SET created_at = timestamptz '2026-01-05 10:00:00+00' + (id - 1001) * interval '1 hour' - interval '1 second'
WHERE account = 'legacy';
INSERT INTO paper_orders (order_id, account, decision_id, symbol, side, order_type, quantity, status, filled_quantity, avg_fill_price, created_at, updated_at)
OVERRIDING SYSTEM VALUE
VALUES (2001, 'legacy', 1001, 'BTC/USDT', 'buy', 'market', 0.1, 'filled', 0.1, 50010, '2026-01-05 10:00:00+00', '2026-01-05 10:00:00+00'),
       (2002, 'legacy', 1002, 'BTC/USDT', 'sell', 'market', 0.1, 'filled', 0.1, 50990, '2026-01-05 11:00:00+00', '2026-01-05 11:00:00+00'),
       (2003, 'legacy', 1003, 'ETH/USDT', 'buy', 'market', 1, 'filled', 1, 3001, '2026-01-05 12:00:00+00', '2026-01-05 12:00:00+00');
INSERT INTO paper_orders (order_id, account, decision_id, symbol, side, order_type, quantity, limit_price, status, filled_quantity, created_at, updated_at, evaluated_through)
OVERRIDING SYSTEM VALUE
VALUES (2004, 'legacy', 1004, 'ETH/USDT', 'buy', 'limit', 1, 2900, 'open', 0, '2026-01-05 12:30:00+00', '2026-01-05 12:30:00+00', '2026-01-05 12:30:00+00');
UPDATE trading_decisions SET status = 'executed', status_reason = 'filled', order_id = 2000 + id - 1000, processed_at = created_at WHERE id IN (1001, 1002, 1003);
UPDATE trading_decisions SET status = 'placed', status_reason = 'resting', order_id = 2004, processed_at = created_at WHERE id = 1004;
INSERT INTO paper_fills (fill_id, order_id, account, symbol, side, quantity, price, notional, fee, liquidity, reference_price, slippage_fraction,
                         slippage_cost, decision_price, quote_time, quote_bid, quote_ask, quote_last, slippage_model, fee_model, model_parameters, random_seed, filled_at)
OVERRIDING SYSTEM VALUE
VALUES (3001, 2001, 'legacy', 'BTC/USDT', 'buy', 0.1, 50010, 5001, 5.001, 'taker', 50010, 0, 0, 50000, '2026-01-05 09:59:00+00', 49990, 50010, 50000, 'none', 'flat', '{}', 1, '2026-01-05 10:00:00+00'),
       (3002, 2002, 'legacy', 'BTC/USDT', 'sell', 0.1, 50990, 5099, 5.099, 'taker', 50990, 0, 0, 51000, '2026-01-05 10:59:00+00', 50990, 51010, 51000, 'none', 'flat', '{}', 2, '2026-01-05 11:00:00+00'),
       (3003, 2003, 'legacy', 'ETH/USDT', 'buy', 1, 3001, 3001, 3.001, 'taker', 3001, 0, 0, 3000, '2026-01-05 11:59:00+00', 2999, 3001, 3000, 'none', 'flat', '{}', 3, '2026-01-05 12:00:00+00');
INSERT INTO paper_ledger (account, time, kind, amount, symbol, order_id, fill_id, description) VALUES
    ('legacy', '2026-01-05 09:00:00+00', 'deposit', 500, NULL, NULL, NULL, 'top-up'),
    ('legacy', '2026-01-05 10:00:00+00', 'trade', -5001, 'BTC/USDT', 2001, 3001, NULL),
    ('legacy', '2026-01-05 10:00:00+00', 'fee', -5.001, 'BTC/USDT', 2001, 3001, NULL),
    ('legacy', '2026-01-05 11:00:00+00', 'trade', 5099, 'BTC/USDT', 2002, 3002, NULL),
    ('legacy', '2026-01-05 11:00:00+00', 'fee', -5.099, 'BTC/USDT', 2002, 3002, NULL),
    ('legacy', '2026-01-05 12:00:00+00', 'trade', -3001, 'ETH/USDT', 2003, 3003, NULL),
    ('legacy', '2026-01-05 12:00:00+00', 'fee', -3.001, 'ETH/USDT', 2003, 3003, NULL);
UPDATE accounts SET cash = 10000 + (SELECT sum(amount) FROM paper_ledger WHERE account = 'legacy') WHERE account = 'legacy';
INSERT INTO paper_trades (trade_id, account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional, entry_time, exit_time,
                          realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id, decision_id, agent)
OVERRIDING SYSTEM VALUE
VALUES (4001, 'legacy', 'BTC/USDT', 'long', 0.1, 50010, 50990, 5001, 5099, '2026-01-05 10:00:00+00', '2026-01-05 11:00:00+00',
        98, 5.001, 5.099, 87.9, 2002, 1002, 'seed');
SELECT paper_add_trades(ARRAY['legacy'], ARRAY['2026-01-05 11:00:00+00'::timestamptz], ARRAY[87.9], ARRAY[98], ARRAY[10.1], ARRAY[interval '1 hour']);
INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at)
VALUES ('legacy', 'ETH/USDT', 'long', 1, 3001, 3.001, '2026-01-05 12:00:00+00', '2026-01-05 12:00:00+00');
INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl, realized_pnl, total_pnl, total_pnl_pct, num_positions)
VALUES ('2026-01-04 23:00:00+00', 'legacy', 10000, 0, 10000, 0, 0, 0, 0, 0, 0),
       ('2026-01-05 12:00:00+00', 'legacy', 7583.899, 3000, 10583.899, 3000, -4.002, 87.9, 83.899, 0.8390, 1);
SELECT paper_add_snapshots(ARRAY['legacy', 'legacy'], ARRAY['2026-01-04 23:00:00+00', '2026-01-05 12:00:00+00']::timestamptz[], ARRAY[10000, 10583.899]);
INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('legacy', 'max_daily_loss', 0.05), ('legacy', 'max_open_positions', 3);
