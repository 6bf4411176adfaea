-- The view v_paper_shortfall: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_paper_shortfall WITH (security_invoker = true) AS
WITH executed AS (
    SELECT d.id AS decision_id, d.account, d.agent, d.strategy, d.strategy_session_id, d.symbol, d.decision,
           d.confidence, COALESCE(d.price_as_of, d.created_at) AS decision_time,
           o.order_id, o.side, o.order_type, CASE o.side WHEN 'buy' THEN 1 ELSE -1 END AS s,
           sum(f.quantity)                                                           AS quantity,
           sum(f.notional)                                                           AS notional,
           sum(f.price * f.quantity)                                                 AS paid,
           sum(COALESCE((f.quote_bid + f.quote_ask) / 2, f.quote_last, f.reference_price) * f.quantity) AS at_quote_mid,
           sum(f.reference_price * f.quantity)                                       AS at_reference,
           sum(f.fee)                                                                AS fees,
           min(f.filled_at)                                                          AS first_fill_at,
           max(f.filled_at)                                                          AS last_fill_at
    FROM trading_decisions d
    JOIN paper_orders o ON o.account = d.account AND o.decision_id = d.id
    JOIN paper_fills f ON f.account = o.account AND f.order_id = o.order_id
    WHERE d.status = 'executed'
    GROUP BY d.id, d.account, o.order_id, o.account
), ideal AS (
    SELECT e.*,
           (SELECT COALESCE((m.bid + m.ask) / 2, m.last)
            FROM market_prices m
            WHERE m.symbol = e.symbol AND m.time <= e.decision_time
            ORDER BY m.time DESC
            LIMIT 1)                                                                 AS ideal_mid
    FROM executed e
)
SELECT c.decision_id, c.account, c.agent, c.strategy, c.strategy_session_id, c.symbol, c.decision, c.side, c.order_type,
       c.confidence, c.confidence_bucket, c.decision_time, c.first_fill_at, c.time_to_fill, c.quantity, c.avg_fill_price,
       c.ideal_mid, c.ideal_notional, c.notional, c.delay_cost, c.spread_cost, c.slippage_cost, c.fees,
       -- The sum of its parts as shown (each rounded to 10 places), so the row adds up exactly.
       c.delay_cost + c.spread_cost + c.slippage_cost + c.fees                                 AS shortfall,
       round((c.delay_cost + c.spread_cost + c.slippage_cost + c.fees) / NULLIF(c.ideal_notional, 0) * 10000, 4) AS shortfall_bps
FROM (
    SELECT i.decision_id, i.account, i.agent, i.strategy, i.strategy_session_id, i.symbol, i.decision, i.side, i.order_type,
           i.confidence,
           CASE WHEN i.confidence >= 0.9 THEN '0.9-1.0'
                ELSE to_char(floor(i.confidence * 10) / 10, 'FM0.0') || '-' || to_char(floor(i.confidence * 10) / 10 + 0.1, 'FM0.0')
           END                                                                               AS confidence_bucket,
           i.decision_time,
           i.first_fill_at,
           i.last_fill_at - i.decision_time                                                  AS time_to_fill,
           i.quantity,
           round(i.paid / i.quantity, 10)                                                    AS avg_fill_price,
           i.ideal_mid,
           round(i.quantity * i.ideal_mid, 10)                                               AS ideal_notional,
           i.notional,
           round(i.s * (i.at_quote_mid - i.quantity * i.ideal_mid), 10)                      AS delay_cost,
           round(i.s * (i.at_reference - i.at_quote_mid), 10)                                AS spread_cost,
           round(i.s * (i.paid - i.at_reference), 10)                                        AS slippage_cost,
           i.fees
    FROM ideal i
) c;

COMMENT ON VIEW v_paper_shortfall IS
    'Per executed decision: the ideal fill (mid at decision time; no fee, spread, slippage or latency) beside the paper fills, and the shortfall = delay + spread + slippage + fees (positive = cost).';
REVOKE ALL ON v_paper_shortfall FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_shortfall TO trading_agent, trading_operator, trading_orchestrator;
