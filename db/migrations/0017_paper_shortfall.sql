-- 0017: implementation shortfall (issue 12): each executed decision's fills beside the ideal fill at its decision time, per decision and per agent and confidence bucket.
--
-- The ideal fill of a decision is the mid of the newest quote at or before its decision time (price_as_of when the
-- strategy runner set it, else its creation), with no fee, no spread, no slippage and no latency. The shortfall is what
-- the real fills cost beyond it, signed so that a cost is positive:
--   shortfall = s × Σ (fill price − ideal mid) × quantity + Σ fees       (s = +1 buy, −1 sell)
--             = delay + spread + slippage + fees, each summed over the decision's fills (and rounded to 10 places; the
--               view's shortfall is the sum of the parts as shown, so every row adds up exactly):
--   delay    = s × (mid of the quote the fill used − ideal mid) × quantity   (the price moved during the latency;
--              a fill that recorded no quote counts its reference price as that mid)
--   spread   = s × (reference price − that mid) × quantity                   (the half spread crossed)
--   slippage = s × (fill price − reference price) × quantity                 (inside the fill price, charged once)
-- Only the decision's own order counts (its entry: brackets it placed are later decisions of the market, not of the
-- agent), and only once it has filled (a resting limit with no fill yet has no shortfall yet).
--
-- Two views, one grain each: v_paper_shortfall has a row per decision, v_paper_shortfall_summary a row per account,
-- agent and confidence bucket (ten buckets of 0.1; 1.0 falls in the last). One view with GROUPING SETS would put both
-- grains in one relation and every filter would have to know which rows are totals.
--
-- Agents read both for their own accounts (security_invoker: the policies of the tables beneath apply). They need the
-- fill columns the views read, so agents get SELECT on paper_fills' columns except the random seed and the model
-- parameters (which would let an agent predict its next fill's noise); `SELECT *` on paper_fills stays refused.
-- Readers get neither view: they never read decisions' content (0014).

GRANT SELECT (fill_id, order_id, account, symbol, side, quantity, price, notional, fee, liquidity, reference_price,
              slippage_fraction, slippage_cost, decision_price, quote_time, quote_bid, quote_ask, quote_last, latency,
              filled_at)
    ON paper_fills TO trading_agent;

CREATE VIEW v_paper_shortfall WITH (security_invoker = true) AS
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
    GROUP BY d.id, d.account, o.order_id
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

CREATE VIEW v_paper_shortfall_summary WITH (security_invoker = true) AS
SELECT account,
       agent,
       confidence_bucket,
       count(*)                                                                              AS decisions,
       sum(ideal_notional)                                                                   AS ideal_notional,
       sum(delay_cost)                                                                       AS delay_cost,
       sum(spread_cost)                                                                      AS spread_cost,
       sum(slippage_cost)                                                                    AS slippage_cost,
       sum(fees)                                                                             AS fees,
       sum(shortfall)                                                                        AS shortfall,
       round(sum(shortfall) / NULLIF(sum(ideal_notional), 0) * 10000, 4)                     AS shortfall_bps,
       avg(time_to_fill)                                                                     AS avg_time_to_fill
FROM v_paper_shortfall
WHERE ideal_mid IS NOT NULL
GROUP BY account, agent, confidence_bucket;

COMMENT ON VIEW v_paper_shortfall_summary IS
    'Implementation shortfall per account, agent and confidence bucket: what execution cost each agent beyond the ideal fill, in money and in basis points of the ideal notional.';

GRANT SELECT ON v_paper_shortfall, v_paper_shortfall_summary TO trading_agent;
