-- The performance maths, said once: v_paper_performance_metrics (an account's whole history, from the aggregates of
-- paper_account_stats) and `trading report` / backtest reports (a window of trades and snapshots, PerformanceQuery)
-- both pass their totals and daily returns here, so the two cannot drift apart.
--   win_rate       = winning trades / trades x 100, 2 places (wins and losses count on net P&L)
--   profit_factor  = sum of winning net P&L / -(sum of losing net P&L), 4 places; NULL without both
--   expectancy     = net P&L / trades, 10 places
--   trades_per_day = trades / max(days between the first and the last exit, 1), 4 places
--   sharpe_ratio   = mean(r) / stddev_samp(r) x sqrt(365), r the daily returns (as fractions), 4 places, 2+ days
--   sortino_ratio  = mean(r) / sqrt(mean(min(r, 0)^2)) x sqrt(365), 4 places, 2+ days
--   days           = the number of daily returns given (a NULL return, a day without capital, counts as a day; the
--                    means skip it and the downside counts it as 0)
-- Plain SQL, IMMUTABLE and without a SET clause, so the planner inlines it into the view.
CREATE OR REPLACE FUNCTION performance_ratios(
    p_total_trades bigint, p_winning_trades bigint, p_total_pnl numeric, p_gross_wins numeric, p_gross_losses numeric,
    p_first_exit timestamptz, p_last_exit timestamptz, p_daily_returns numeric[])
    RETURNS TABLE (win_rate numeric, profit_factor numeric, expectancy numeric, trades_per_day numeric,
                   sharpe_ratio numeric, sortino_ratio numeric, days bigint)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT round(p_winning_trades::numeric / NULLIF(p_total_trades, 0) * 100, 2),
       round(p_gross_wins / NULLIF(-p_gross_losses, 0), 4),
       round(p_total_pnl / NULLIF(p_total_trades, 0), 10),
       round(p_total_trades / GREATEST(EXTRACT(EPOCH FROM (p_last_exit - p_first_exit)) / 86400, 1), 4),
       CASE WHEN r.days >= 2 AND r.sd > 0 THEN round(r.mean / r.sd * sqrt(365::numeric), 4) END,
       CASE WHEN r.days >= 2 AND r.downside > 0 THEN round(r.mean / r.downside * sqrt(365::numeric), 4) END,
       r.days
FROM (SELECT count(*) AS days, avg(x) AS mean, stddev_samp(x) AS sd, sqrt(avg(power(least(x, 0), 2))) AS downside
      FROM unnest(p_daily_returns) AS x) r
$$;
REVOKE ALL ON FUNCTION performance_ratios(bigint, bigint, numeric, numeric, numeric, timestamptz, timestamptz, numeric[]) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION performance_ratios(bigint, bigint, numeric, numeric, numeric, timestamptz, timestamptz, numeric[]) TO PUBLIC;
