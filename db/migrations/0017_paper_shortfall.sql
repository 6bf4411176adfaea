-- 0017: backtest against paper in SQL (issue 12): implementation shortfall per executed decision and per agent and confidence bucket; a backtest run beside the sessions of its strategy, trade by trade.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
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
