-- The view v_paper_open_positions: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

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
REVOKE ALL ON v_paper_open_positions FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_open_positions TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
