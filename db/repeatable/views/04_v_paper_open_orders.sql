-- The view v_paper_open_orders: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- ---------------------------------------------------------------------------------------------------------------
-- Views.
-- ---------------------------------------------------------------------------------------------------------------
-- Every working order with its levels and how far the market is from them; reduce_only says whether it may only
-- reduce the position (bracket exits, CLOSE, decisions that asked), queue_ahead the size ahead of a queued limit.
CREATE OR REPLACE VIEW v_paper_open_orders AS
SELECT o.account,
       o.order_id,
       o.decision_id,
       o.parent_decision_id,
       o.role,
       o.symbol,
       o.side,
       o.order_type,
       o.time_in_force,
       o.quantity,
       o.filled_quantity,
       o.quantity - o.filled_quantity                        AS remaining_quantity,
       o.limit_price,
       o.stop_price,
       o.trailing_offset,
       o.trailing_is_percent,
       o.best_price,
       o.triggered,
       o.reduce_only,
       o.queue_ahead,
       o.oco_group,
       o.status,
       o.reason,
       o.expires_at,
       lp.bid,
       lp.ask,
       lp.mark_price                                         AS current_price,
       lp.time                                               AS price_time,
       GREATEST(o.evaluated_through, m.evaluated_through)   AS evaluated_through,
       o.created_at,
       o.updated_at
FROM paper_orders o
LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
LEFT JOIN v_latest_prices lp ON lp.symbol = o.symbol
WHERE o.status IN ('open', 'partially_filled');

ALTER VIEW v_paper_open_orders SET (security_invoker = true);
REVOKE ALL ON v_paper_open_orders FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_open_orders TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
