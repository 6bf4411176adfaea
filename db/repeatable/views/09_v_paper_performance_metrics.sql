-- The view v_paper_performance_metrics: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_paper_performance_metrics AS
WITH t AS (
    SELECT account,
           epoch,
           total_trades,
           winning_trades,
           losing_trades,
           net_pnl::numeric                                  AS total_pnl,
           gross_pnl::numeric                                AS gross_pnl,
           fees::numeric                                     AS total_fees,
           sum_wins / NULLIF(winning_trades, 0)              AS avg_win,
           sum_losses / NULLIF(losing_trades, 0)             AS avg_loss,
           NULLIF(sum_wins, 0)                               AS gross_wins,
           NULLIF(sum_losses, 0)                             AS gross_losses,
           largest_win,
           largest_loss,
           total_hold / NULLIF(total_trades, 0)              AS avg_trade_duration,
           first_exit,
           last_exit,
           max_drawdown,
           max_drawdown_pct
    FROM paper_account_stats
), r AS (
    SELECT account, array_agg(return_pct / 100) AS daily_returns
    FROM v_paper_daily_pnl
    GROUP BY account
)
SELECT a.account,
       a.epoch,
       COALESCE(t.total_trades, 0)                                            AS total_trades,
       COALESCE(t.winning_trades, 0)                                          AS winning_trades,
       COALESCE(t.losing_trades, 0)                                           AS losing_trades,
       m.win_rate,
       COALESCE(t.total_pnl, 0)                                               AS total_pnl,
       COALESCE(t.gross_pnl, 0)                                               AS gross_pnl,
       COALESCE(t.total_fees, 0)                                              AS total_fees,
       round(t.avg_win, 10)                                                   AS avg_win,
       round(t.avg_loss, 10)                                                  AS avg_loss,
       m.profit_factor,
       m.expectancy,
       t.largest_win::numeric                                                 AS largest_win,
       t.largest_loss::numeric                                                AS largest_loss,
       t.avg_trade_duration,
       m.trades_per_day,
       m.sharpe_ratio,
       m.sortino_ratio,
       COALESCE(t.max_drawdown_pct::numeric, 0)                               AS max_drawdown_pct,
       COALESCE(t.max_drawdown::numeric, 0)                                   AS max_drawdown,
       m.days                                                                 AS days_with_snapshots
FROM accounts a
LEFT JOIN t ON t.account = a.account AND t.epoch = a.epoch
LEFT JOIN r ON r.account = a.account
CROSS JOIN LATERAL performance_ratios(t.total_trades, t.winning_trades, t.total_pnl, t.gross_wins, t.gross_losses,
                                      t.first_exit, t.last_exit, r.daily_returns) m;

ALTER VIEW v_paper_performance_metrics SET (security_invoker = true);

COMMENT ON COLUMN v_paper_performance_metrics.max_drawdown_pct IS
    'the deepest fall of the stored equity curve below its running peak, in percent of that peak; 0 or negative (-3.2 = a fall of 3.2 %)';

COMMENT ON COLUMN v_paper_performance_metrics.max_drawdown IS
    'the deepest fall of the stored equity curve below its running peak, in the base currency; 0 or negative';
REVOKE ALL ON v_paper_performance_metrics FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_performance_metrics TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
