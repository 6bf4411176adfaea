-- The view v_backtest_vs_paper: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_backtest_vs_paper WITH (security_invoker = true) AS
WITH trades AS (
    SELECT 'backtest' AS side, run_id AS id, net_pnl, fees FROM backtest_trades
    UNION ALL
    SELECT 'paper', session_id, net_pnl, fees FROM v_paper_trade_signals
), figures AS (
    SELECT side, id, count(*) AS trades, count(*) FILTER (WHERE net_pnl > 0) AS wins,
           sum(net_pnl) FILTER (WHERE net_pnl > 0) AS gross_wins, sum(net_pnl) FILTER (WHERE net_pnl < 0) AS gross_losses,
           sum(net_pnl) AS net_pnl, sum(fees) AS fees
    FROM trades
    GROUP BY side, id
), pairs AS (
    SELECT run_id, session_id, count(*) AS signals, sum(backtest_trades)::bigint AS backtest_trades, sum(paper_trades)::bigint AS paper_trades
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
LEFT JOIN figures b ON b.side = 'backtest' AND b.id = r.run_id
LEFT JOIN figures p ON p.side = 'paper' AND p.id = s.session_id
LEFT JOIN pairs x ON x.run_id = r.run_id AND x.session_id = s.session_id;

COMMENT ON VIEW v_backtest_vs_paper IS
    'A backtest run beside each paper session of the same strategy (same checksum): seed 004''s trade figures for both, paired signals and the trades only one side has.';
REVOKE ALL ON v_backtest_vs_paper FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_backtest_vs_paper TO trading_agent, trading_operator, trading_orchestrator;
