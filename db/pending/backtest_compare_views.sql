-- To append to the backtest migration (0016_backtests.sql) at merge: it needs backtest_runs, backtest_trades and
-- strategy_signal_key() from there. Not a migration of its own (the runner applies only db/migrations).
--
-- Backtest and paper side by side, in SQL, for a run and a session of the same strategy (same config checksum):
--   v_paper_trade_signals: each paper trade a strategy session opened, with the session and the bar signal (a helper
--     of the two below, useful alone: which signal made which trade);
--   v_backtest_trade_pairs: one row per signal both sides traded (each side's trades from that entry signal merged into
--     one round trip: quantities and money summed, prices averaged by quantity), with paper − backtest differences;
--   v_backtest_vs_paper: one row per run and session: trades, win rate, profit factor, expectancy, net P&L, fees of both
--     sides (v_paper_performance_metrics' definitions, over the run's and the session's own trades), how many signals pair
--     up and how many trades each side has alone. Sharpe, Sortino, drawdown, the causes of each difference and the bridge
--     are `trading compare`'s (they need the equity curves and the fills' quotes).
-- All three run as the caller: backtest_runs' policies and those of paper_* apply. They read decisions, so readers (who never
-- read decisions' content) do not get them.

-- Each paper trade opened by a strategy session's decision, with that session and the decision's bar signal: the entry is
-- the opening-side fill at the trade's entry time (what `trading compare` pairs on too).
CREATE VIEW v_paper_trade_signals WITH (security_invoker = true) AS
SELECT t.trade_id, t.account, d.strategy_session_id AS session_id, strategy_signal_key(d.idempotency_key) AS signal_key,
       t.symbol, t.side, t.quantity, t.entry_price, t.exit_price, t.entry_time, t.exit_time, t.fees, t.net_pnl
    FROM paper_trades t
    JOIN LATERAL (
        SELECT f.order_id FROM paper_fills f
        WHERE f.account = t.account AND f.symbol = t.symbol AND f.filled_at = t.entry_time
          AND f.side = CASE t.side WHEN 'long' THEN 'buy' ELSE 'sell' END
        ORDER BY f.fill_id LIMIT 1) en ON true
    JOIN paper_orders o ON o.order_id = en.order_id
    JOIN trading_decisions d ON d.account = o.account AND d.id = o.decision_id
    WHERE d.strategy_session_id IS NOT NULL;

CREATE VIEW v_backtest_trade_pairs WITH (security_invoker = true) AS
WITH paper_trips AS (
    SELECT session_id, account, signal_key, symbol, side, count(*) AS trades, sum(quantity) AS quantity,
           round(sum(entry_price * quantity) / sum(quantity), 10) AS entry_price,
           round(sum(exit_price * quantity) / sum(quantity), 10) AS exit_price,
           sum(fees) AS fees, sum(net_pnl) AS net_pnl
    FROM v_paper_trade_signals
    WHERE signal_key IS NOT NULL
    GROUP BY session_id, account, signal_key, symbol, side
), backtest_trips AS (
    SELECT run_id, entry_signal_key AS signal_key, symbol, side, count(*) AS trades, sum(quantity) AS quantity,
           round(sum(entry_price * quantity) / sum(quantity), 10) AS entry_price,
           round(sum(exit_price * quantity) / sum(quantity), 10) AS exit_price,
           sum(fees) AS fees, sum(net_pnl) AS net_pnl
    FROM backtest_trades
    WHERE entry_signal_key IS NOT NULL
    GROUP BY run_id, entry_signal_key, symbol, side
)
SELECT r.run_id,
       s.session_id,
       p.account,
       p.signal_key,
       p.symbol,
       p.side,
       b.trades                          AS backtest_trades,
       p.trades                          AS paper_trades,
       b.quantity                        AS backtest_quantity,
       p.quantity                        AS paper_quantity,
       b.entry_price                     AS backtest_entry_price,
       p.entry_price                     AS paper_entry_price,
       p.entry_price - b.entry_price     AS entry_price_difference,
       b.exit_price                      AS backtest_exit_price,
       p.exit_price                      AS paper_exit_price,
       p.exit_price - b.exit_price       AS exit_price_difference,
       b.fees                            AS backtest_fees,
       p.fees                            AS paper_fees,
       b.net_pnl                         AS backtest_net_pnl,
       p.net_pnl                         AS paper_net_pnl,
       p.net_pnl - b.net_pnl             AS net_difference
FROM backtest_runs r
JOIN strategy_sessions s ON s.checksum = r.checksum
JOIN backtest_trips b ON b.run_id = r.run_id
JOIN paper_trips p ON p.session_id = s.session_id AND p.signal_key = b.signal_key AND p.side = b.side;

COMMENT ON VIEW v_backtest_trade_pairs IS
    'Each signal a backtest run and a paper session of the same strategy both traded: the two round trips and paper − backtest (filter on run_id and session_id).';

CREATE VIEW v_backtest_vs_paper WITH (security_invoker = true) AS
WITH backtest AS (
    SELECT run_id, count(*) AS trades, count(*) FILTER (WHERE net_pnl > 0) AS wins,
           sum(net_pnl) FILTER (WHERE net_pnl > 0) AS gross_wins, sum(net_pnl) FILTER (WHERE net_pnl < 0) AS gross_losses,
           sum(net_pnl) AS net_pnl, sum(fees) AS fees
    FROM backtest_trades
    GROUP BY run_id
), paper AS (
    SELECT session_id, count(*) AS trades, count(*) FILTER (WHERE net_pnl > 0) AS wins,
           sum(net_pnl) FILTER (WHERE net_pnl > 0) AS gross_wins, sum(net_pnl) FILTER (WHERE net_pnl < 0) AS gross_losses,
           sum(net_pnl) AS net_pnl, sum(fees) AS fees
    FROM v_paper_trade_signals
    GROUP BY session_id
), pairs AS (
    SELECT run_id, session_id, count(*) AS signals, sum(backtest_trades) AS backtest_trades, sum(paper_trades) AS paper_trades
    FROM v_backtest_trade_pairs
    GROUP BY run_id, session_id
)
SELECT r.run_id,
       s.session_id,
       s.name,
       s.account,
       COALESCE(b.trades, 0)                                                   AS backtest_trades,
       COALESCE(p.trades, 0)                                                   AS paper_trades,
       round(b.wins::numeric / NULLIF(b.trades, 0) * 100, 2)                   AS backtest_win_rate,
       round(p.wins::numeric / NULLIF(p.trades, 0) * 100, 2)                   AS paper_win_rate,
       round(b.gross_wins / NULLIF(-b.gross_losses, 0), 4)                     AS backtest_profit_factor,
       round(p.gross_wins / NULLIF(-p.gross_losses, 0), 4)                     AS paper_profit_factor,
       round(b.net_pnl / NULLIF(b.trades, 0), 10)                              AS backtest_expectancy,
       round(p.net_pnl / NULLIF(p.trades, 0), 10)                              AS paper_expectancy,
       COALESCE(b.net_pnl, 0)                                                  AS backtest_net_pnl,
       COALESCE(p.net_pnl, 0)                                                  AS paper_net_pnl,
       COALESCE(p.net_pnl, 0) - COALESCE(b.net_pnl, 0)                         AS net_difference,
       COALESCE(b.fees, 0)                                                     AS backtest_fees,
       COALESCE(p.fees, 0)                                                     AS paper_fees,
       COALESCE(x.signals, 0)                                                  AS paired_signals,
       COALESCE(b.trades, 0) - COALESCE(x.backtest_trades, 0)                  AS backtest_only_trades,
       COALESCE(p.trades, 0) - COALESCE(x.paper_trades, 0)                     AS paper_only_trades
FROM backtest_runs r
JOIN strategy_sessions s ON s.checksum = r.checksum
LEFT JOIN backtest b ON b.run_id = r.run_id
LEFT JOIN paper p ON p.session_id = s.session_id
LEFT JOIN pairs x ON x.run_id = r.run_id AND x.session_id = s.session_id;

COMMENT ON VIEW v_backtest_vs_paper IS
    'A backtest run beside each paper session of the same strategy (same checksum): seed 004''s trade figures for both, paired signals and the trades only one side has.';

GRANT SELECT ON v_paper_trade_signals, v_backtest_trade_pairs, v_backtest_vs_paper TO trading_agent;
