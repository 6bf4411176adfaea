-- 0018: one drawdown. The view's max_drawdown_pct is the deepest point of the stored equity curve, as the report and gates compute it.
--
-- The definition, said once here and followed by `trading report`, `trading gates` and v_paper_equity_curve:
--   drawdown     = total_value - running peak of total_value over the account's stored snapshots (never above 0)
--   drawdown_pct = drawdown / running peak x 100, rounded to 4 places (never above 0: a fall is negative)
--   max_drawdown(_pct) = the lowest (deepest) of these over the account's history, 0 with no snapshots
-- Before, paper_account_stats folded in every mark the snapshot tick wrote, also marks a later tick in the same
-- bucket overwrote (the stored snapshot keeps the bucket's last mark): a mark that no stored snapshot shows could
-- set the view's peak or trough, so the view disagreed with the report over the same account. Now a tick that
-- overwrites a bucket rebuilds that account's peak and drawdown from the stored snapshots (one pass over them, and
-- only on an overwrite, which the tick's own schedule makes rare).

CREATE FUNCTION paper_rebuild_drawdown(p_accounts text[])
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    WITH curve AS (
        SELECT s.account, s.total_value AS value,
               max(s.total_value) OVER (PARTITION BY s.account ORDER BY s.time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS peak
        FROM paper_portfolio_snapshots s
        WHERE s.account = ANY (p_accounts)
    ), per_account AS (
        SELECT account, max(value) AS peak_value, LEAST(min(value - peak), 0) AS dd,
               LEAST(COALESCE(min(CASE WHEN peak > 0 THEN round((value - peak) / peak * 100, 4) END), 0), 0) AS dd_pct
        FROM curve
        GROUP BY account
    )
    UPDATE paper_account_stats st
    SET peak_value = p.peak_value, max_drawdown = p.dd, max_drawdown_pct = p.dd_pct
    FROM per_account p
    WHERE st.account = p.account;
END;
$$;

REVOKE EXECUTE ON FUNCTION paper_rebuild_drawdown(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION paper_rebuild_drawdown(text[]) TO trading_orchestrator, trading_operator;

COMMENT ON COLUMN v_paper_performance_metrics.max_drawdown_pct IS
    'the deepest fall of the stored equity curve below its running peak, in percent of that peak; 0 or negative (-3.2 = a fall of 3.2 %)';
COMMENT ON COLUMN v_paper_performance_metrics.max_drawdown IS
    'the deepest fall of the stored equity curve below its running peak, in the base currency; 0 or negative';
COMMENT ON COLUMN v_paper_equity_curve.drawdown_pct IS
    'this snapshot''s fall below the running peak of the account''s curve, in percent of that peak; 0 or negative';
