-- The view v_backtest_trade_pairs: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_backtest_trade_pairs WITH (security_invoker = true) AS
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
REVOKE ALL ON v_backtest_trade_pairs FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_backtest_trade_pairs TO trading_agent, trading_operator, trading_orchestrator;
