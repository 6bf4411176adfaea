-- HEADER

CREATE OR REPLACE VIEW v_paper_performance_metrics AS
WITH t AS (
    SELECT account,
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
    SELECT account,
           count(*)                                          AS days,
           avg(return_pct / 100)                             AS mean_return,
           stddev_samp(return_pct / 100)                     AS stddev_return,
           sqrt(avg(power(least(return_pct / 100, 0), 2)))   AS downside_deviation
    FROM v_paper_daily_pnl
    GROUP BY account
)
SELECT a.account,
       COALESCE(t.total_trades, 0)                                            AS total_trades,
       COALESCE(t.winning_trades, 0)                                          AS winning_trades,
       COALESCE(t.losing_trades, 0)                                           AS losing_trades,
       round(t.winning_trades::numeric / NULLIF(t.total_trades, 0) * 100, 2)  AS win_rate,
       COALESCE(t.total_pnl, 0)                                               AS total_pnl,
       COALESCE(t.gross_pnl, 0)                                               AS gross_pnl,
       COALESCE(t.total_fees, 0)                                              AS total_fees,
       round(t.avg_win, 10)                                                   AS avg_win,
       round(t.avg_loss, 10)                                                  AS avg_loss,
       round(t.gross_wins / NULLIF(-t.gross_losses, 0), 4)                    AS profit_factor,
       round(t.total_pnl / NULLIF(t.total_trades, 0), 10)                     AS expectancy,
       t.largest_win::numeric                                                 AS largest_win,
       t.largest_loss::numeric                                                AS largest_loss,
       t.avg_trade_duration,
       round(t.total_trades / GREATEST(EXTRACT(EPOCH FROM (t.last_exit - t.first_exit)) / 86400, 1), 4) AS trades_per_day,
       CASE WHEN r.days >= 2 AND r.stddev_return > 0
            THEN round(r.mean_return / r.stddev_return * sqrt(365::numeric), 4) END AS sharpe_ratio,
       CASE WHEN r.days >= 2 AND r.downside_deviation > 0
            THEN round(r.mean_return / r.downside_deviation * sqrt(365::numeric), 4) END AS sortino_ratio,
       COALESCE(t.max_drawdown_pct::numeric, 0)                               AS max_drawdown_pct,
       COALESCE(t.max_drawdown::numeric, 0)                                   AS max_drawdown,
       COALESCE(r.days, 0)                                                    AS days_with_snapshots
FROM accounts a
LEFT JOIN t ON t.account = a.account
LEFT JOIN r ON r.account = a.account
WHERE a.archived_of IS NULL;

ALTER VIEW v_paper_performance_metrics SET (security_invoker = true);

COMMENT ON COLUMN v_paper_performance_metrics.max_drawdown_pct IS
    'the deepest fall of the stored equity curve below its running peak, in percent of that peak; 0 or negative (-3.2 = a fall of 3.2 %)';

COMMENT ON COLUMN v_paper_performance_metrics.max_drawdown IS
    'the deepest fall of the stored equity curve below its running peak, in the base currency; 0 or negative';
REVOKE ALL ON v_paper_performance_metrics FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_performance_metrics TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
