-- A hand-computed account: a long BTC, a short ETH, a closed SOL round trip, fees on every fill, three daily snapshots.
--   cash   = 10000 - 5000 - 5 (BTC buy) + 4000 - 4 (ETH short sale) - 1000 - 1 (SOL buy) + 1100 - 1.1 (SOL sell) = 9088.9
--   marks  = BTC mid (51000 + 51002) / 2 = 51001; ETH mid (1899 + 1901) / 2 = 1900
--   value  = 9088.9 + 0.1 x 51001 - 2 x 1900 = 9088.9 + 5100.1 - 3800 = 10389.0
--   unrealised gross = (5100.1 - 5000) + (4000 - 3800) = 300.1; net of open entry fees (5 + 4) = 291.1
--   realised net = (1100 - 1000) - 1 - 1.1 = 97.9;  97.9 + 291.1 = 389.0 = 10389.0 - 10000
INSERT INTO accounts (account, initial_capital, cash) VALUES ('acme', 10000, 9088.9);
INSERT INTO market_prices (time, symbol, bid, ask) VALUES
    (now() - interval '1 second', 'BTC/USDT', 51000, 51002),
    (now() - interval '1 second', 'ETH/USDT', 1899, 1901),
    (now() - interval '1 second', 'SOL/USDT', 109, 111),
    (now() - interval '1 hour', 'BTC/USDT', 1, 2);
INSERT INTO paper_orders (order_id, account, symbol, side, order_type, quantity, status, filled_quantity, avg_fill_price, created_at, updated_at) VALUES
    (1001, 'acme', 'BTC/USDT', 'buy',  'market', 0.1, 'filled', 0.1, 50000, now() - interval '3 days', now() - interval '3 days'),
    (1002, 'acme', 'ETH/USDT', 'sell', 'market', 2,   'filled', 2,   2000,  now() - interval '2 days', now() - interval '2 days'),
    (1003, 'acme', 'SOL/USDT', 'buy',  'market', 10,  'filled', 10,  100,   now() - interval '2 days', now() - interval '2 days'),
    (1004, 'acme', 'SOL/USDT', 'sell', 'market', 10,  'filled', 10,  110,   now() - interval '1 day',  now() - interval '1 day');
INSERT INTO paper_fills (fill_id, order_id, account, symbol, side, quantity, price, notional, fee, liquidity, reference_price,
                         slippage_fraction, slippage_cost, quote_time, slippage_model, fee_model, model_parameters, random_seed, filled_at) VALUES
    (2001, 1001, 'acme', 'BTC/USDT', 'buy',  0.1, 50000, 5000, 5,   'taker', 50000, 0, 0, now(), 'none', 'rate', '{}', 1, now() - interval '3 days'),
    (2002, 1002, 'acme', 'ETH/USDT', 'sell', 2,   2000,  4000, 4,   'taker', 2000,  0, 0, now(), 'none', 'rate', '{}', 1, now() - interval '2 days'),
    (2003, 1003, 'acme', 'SOL/USDT', 'buy',  10,  100,   1000, 1,   'taker', 100,   0, 0, now(), 'none', 'rate', '{}', 1, now() - interval '2 days'),
    (2004, 1004, 'acme', 'SOL/USDT', 'sell', 10,  110,   1100, 1.1, 'taker', 110,   0, 0, now(), 'none', 'rate', '{}', 1, now() - interval '1 day');
INSERT INTO paper_ledger (account, time, kind, amount, symbol, order_id, fill_id) VALUES
    ('acme', now() - interval '3 days', 'trade', -5000, 'BTC/USDT', 1001, 2001),
    ('acme', now() - interval '3 days', 'fee',   -5,    'BTC/USDT', 1001, 2001),
    ('acme', now() - interval '2 days', 'trade', 4000,  'ETH/USDT', 1002, 2002),
    ('acme', now() - interval '2 days', 'fee',   -4,    'ETH/USDT', 1002, 2002),
    ('acme', now() - interval '2 days', 'trade', -1000, 'SOL/USDT', 1003, 2003),
    ('acme', now() - interval '2 days', 'fee',   -1,    'SOL/USDT', 1003, 2003),
    ('acme', now() - interval '1 day',  'trade', 1100,  'SOL/USDT', 1004, 2004),
    ('acme', now() - interval '1 day',  'fee',   -1.1,  'SOL/USDT', 1004, 2004);
INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at) VALUES
    ('acme', 'BTC/USDT', 'long',  0.1, 5000, 5, now() - interval '3 days', now() - interval '3 days'),
    ('acme', 'ETH/USDT', 'short', 2,   4000, 4, now() - interval '2 days', now() - interval '2 days');
INSERT INTO paper_trades (account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional, entry_time, exit_time,
                          realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id) VALUES
    ('acme', 'SOL/USDT', 'long', 10, 100, 110, 1000, 1100, now() - interval '2 days', now() - interval '1 day', 100, 1, 1.1, 97.9, 1004);
-- Daily closes 10200, 10302, 10198.98: returns +2 %, +1 %, -1 %; the peak 10302 then a 103.02 (1 %) drawdown.
INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl, realized_pnl,
                                       total_pnl, total_pnl_pct, num_positions) VALUES
    ('2026-11-01 08:00+00', 'acme', 10000, 0, 10100,    0, 0, 0, 100, 1, 0),
    ('2026-11-01 20:00+00', 'acme', 10000, 0, 10200,    0, 0, 0, 200, 2, 0),
    ('2026-11-02 20:00+00', 'acme', 10000, 0, 10302,    0, 0, 0, 302, 3.02, 0),
    ('2026-11-03 20:00+00', 'acme', 10000, 0, 10198.98, 0, 0, 0, 198.98, 1.9898, 0);
-- History loaded by hand is folded into the read-side aggregates, as any import must be.
SELECT refresh_account_stats('acme');
