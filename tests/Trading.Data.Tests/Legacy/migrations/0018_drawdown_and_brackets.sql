-- 0018: one drawdown (the view's max_drawdown_pct is the deepest point of the stored equity curve, as the report and gates compute it); a position's stop and target are its brackets'.
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

-- Issue 14 item 10 rides along (one migration per change set): a position's protective levels are its brackets'.
-- stop_loss, take_profit and trailing_stop come from the working bracket exits (role stop_loss, take_profit,
-- trailing_stop) only; an agent's own stop or limit order that happens to reduce the position is an order, listed by
-- v_paper_open_orders, not the position's stop. A bracket covers the fill that created it: after an add, the first
-- bracket protects part of the position, so each level now says the quantity it covers (the nearest level's orders).
CREATE OR REPLACE VIEW v_paper_open_positions WITH (security_invoker = true) AS
SELECT p.account,
       p.symbol,
       p.side,
       p.quantity,
       p.signed_quantity,
       p.avg_entry_price                                        AS entry_price,
       lp.mark_price                                            AS current_price,
       lp.time                                                  AS price_time,
       p.cost_basis,
       p.signed_quantity * lp.mark_price                        AS position_value,
       CASE p.side WHEN 'long' THEN p.quantity * lp.mark_price - p.cost_basis
                   ELSE p.cost_basis - p.quantity * lp.mark_price END AS unrealized_pnl,
       round(CASE p.side WHEN 'long' THEN p.quantity * lp.mark_price - p.cost_basis
                         ELSE p.cost_basis - p.quantity * lp.mark_price END / p.cost_basis * 100, 4) AS unrealized_pnl_pct,
       p.entry_fees,
       CASE p.side WHEN 'long' THEN p.quantity * lp.mark_price - p.cost_basis
                   ELSE p.cost_basis - p.quantity * lp.mark_price END - p.entry_fees AS unrealized_net_pnl,
       p.opened_at,
       now() - p.opened_at                                      AS hold_duration,
       x.stop_loss,
       x.take_profit,
       x.trailing_stop,
       x.stop_loss_quantity,
       x.take_profit_quantity,
       x.trailing_stop_quantity
FROM paper_positions p
LEFT JOIN v_latest_prices lp ON lp.symbol = p.symbol
LEFT JOIN LATERAL (
    SELECT max(nearest) FILTER (WHERE role = 'stop_loss')                            AS stop_loss,
           max(nearest) FILTER (WHERE role = 'take_profit')                          AS take_profit,
           max(nearest) FILTER (WHERE role = 'trailing_stop')                        AS trailing_stop,
           sum(remaining) FILTER (WHERE role = 'stop_loss' AND level = nearest)      AS stop_loss_quantity,
           sum(remaining) FILTER (WHERE role = 'take_profit' AND level = nearest)    AS take_profit_quantity,
           sum(remaining) FILTER (WHERE role = 'trailing_stop' AND level = nearest)  AS trailing_stop_quantity
    FROM (
        -- The nearest level of each leg: a long's highest stop and lowest target, a short's lowest stop and highest target.
        SELECT role, remaining, level,
               first_value(level) OVER (PARTITION BY role ORDER BY CASE WHEN ascending THEN level END,
                                                                   CASE WHEN NOT ascending THEN level END DESC) AS nearest
        FROM (
            SELECT o.role, o.quantity - o.filled_quantity AS remaining,
                   CASE o.role WHEN 'take_profit' THEN o.limit_price ELSE o.stop_price END AS level,
                   (p.side = 'long') = (o.role = 'take_profit') AS ascending
            FROM paper_orders o
            WHERE o.account = p.account AND o.symbol = p.symbol AND o.reduce_only
              AND o.role IN ('stop_loss', 'take_profit', 'trailing_stop')
              AND o.status IN ('open', 'partially_filled')
        ) o
    ) legs
) x ON true;

COMMENT ON COLUMN v_paper_open_positions.stop_loss IS
    'the nearest working bracket stop-loss of the position (its agent''s own stop orders are in v_paper_open_orders); stop_loss_quantity is how much of the position it covers';

-- `trading instruments add` (issue 14 item 3) prints these for a refused row, as 0015 does for accounts and decisions.
COMMENT ON CONSTRAINT instruments_symbol_format ON instruments IS 'a symbol is BASE/QUOTE (or one name): capitals and digits, 1 to 20 each, e.g. DOGE/USDT';
COMMENT ON CONSTRAINT instruments_tick_size_positive ON instruments IS 'tick_size (--tick) is above 0 with at most 10 decimal places';
COMMENT ON CONSTRAINT instruments_lot_size_positive ON instruments IS 'lot_size (--lot) is above 0 with at most 12 decimal places';
COMMENT ON CONSTRAINT instruments_min_notional_nonnegative ON instruments IS 'min_notional (--min-notional) is 0 or more';
COMMENT ON CONSTRAINT instruments_tick_size_max ON instruments IS 'tick_size (--tick) is below max_price()';
COMMENT ON CONSTRAINT instruments_lot_size_max ON instruments IS 'lot_size (--lot) is below max_quantity()';
COMMENT ON CONSTRAINT instruments_min_notional_max ON instruments IS 'min_notional (--min-notional) is below max_amount()';
