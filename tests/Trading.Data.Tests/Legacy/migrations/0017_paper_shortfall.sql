-- 0017: backtest against paper in SQL (issue 12): implementation shortfall per executed decision and per agent and confidence bucket; a backtest run beside the sessions of its strategy, trade by trade.
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

-- ---------------------------------------------------------------------------------------------------------------
-- Backtest and paper side by side, in SQL, for a run and a session of the same strategy (same config checksum):
--   v_paper_trade_signals: each paper trade a strategy session opened, with the session and the bar signal (a helper
--     of the two below, useful alone: which signal made which trade);
--   v_backtest_trade_pairs: one row per signal both sides traded (each side's trades from that entry signal merged into
--     one round trip: quantities and money summed, prices averaged by quantity), with paper − backtest differences;
--   v_backtest_vs_paper: one row per run and session: trades, win rate, profit factor, expectancy, net P&L, fees of both
--     sides (v_paper_performance_metrics' definitions, over the run's and the session's own trades), how many signals pair
--     up and how many trades each side has alone. Sharpe, Sortino, drawdown, the causes of each difference and the bridge
--     are `trading compare`'s (they need the equity curves and the fills' quotes).
-- All three run as the caller: backtest_runs' policies and those of paper_* apply. They read decisions, so readers (who never
-- read decisions' content) do not get them.

-- Each paper trade opened by a strategy session's decision, with that session and the decision's bar signal: the entry is
-- the opening-side fill at the trade's entry time (what `trading compare` pairs on too).
CREATE VIEW v_paper_trade_signals WITH (security_invoker = true) AS
SELECT t.trade_id, t.account, d.strategy_session_id AS session_id, strategy_signal_key(d.idempotency_key) AS signal_key,
       t.symbol, t.side, t.quantity, t.entry_price, t.exit_price, t.entry_time, t.exit_time, t.fees, t.net_pnl
    FROM paper_trades t
    JOIN LATERAL (
        SELECT f.order_id FROM paper_fills f
        WHERE f.account = t.account AND f.symbol = t.symbol AND f.filled_at = t.entry_time
          AND f.side = CASE t.side WHEN 'long' THEN 'buy' ELSE 'sell' END
        ORDER BY f.fill_id LIMIT 1) en ON true
    JOIN paper_orders o ON o.order_id = en.order_id
    JOIN trading_decisions d ON d.account = o.account AND d.id = o.decision_id
    WHERE d.strategy_session_id IS NOT NULL;

CREATE VIEW v_backtest_trade_pairs WITH (security_invoker = true) AS
WITH paper_trips AS (
    SELECT session_id, account, signal_key, symbol, side, count(*) AS trades, sum(quantity) AS quantity,
           round(sum(entry_price * quantity) / sum(quantity), 10) AS entry_price,
           round(sum(exit_price * quantity) / sum(quantity), 10) AS exit_price,
           sum(fees) AS fees, sum(net_pnl) AS net_pnl
    FROM v_paper_trade_signals
    WHERE signal_key IS NOT NULL
    GROUP BY session_id, account, signal_key, symbol, side
), backtest_trips AS (
    SELECT run_id, entry_signal_key AS signal_key, symbol, side, count(*) AS trades, sum(quantity) AS quantity,
           round(sum(entry_price * quantity) / sum(quantity), 10) AS entry_price,
           round(sum(exit_price * quantity) / sum(quantity), 10) AS exit_price,
           sum(fees) AS fees, sum(net_pnl) AS net_pnl
    FROM backtest_trades
    WHERE entry_signal_key IS NOT NULL
    GROUP BY run_id, entry_signal_key, symbol, side
)
SELECT r.run_id,
       s.session_id,
       p.account,
       p.signal_key,
       p.symbol,
       p.side,
       b.trades                          AS backtest_trades,
       p.trades                          AS paper_trades,
       b.quantity                        AS backtest_quantity,
       p.quantity                        AS paper_quantity,
       b.entry_price                     AS backtest_entry_price,
       p.entry_price                     AS paper_entry_price,
       p.entry_price - b.entry_price     AS entry_price_difference,
       b.exit_price                      AS backtest_exit_price,
       p.exit_price                      AS paper_exit_price,
       p.exit_price - b.exit_price       AS exit_price_difference,
       b.fees                            AS backtest_fees,
       p.fees                            AS paper_fees,
       b.net_pnl                         AS backtest_net_pnl,
       p.net_pnl                         AS paper_net_pnl,
       p.net_pnl - b.net_pnl             AS net_difference
FROM backtest_runs r
JOIN strategy_sessions s ON s.checksum = r.checksum
JOIN backtest_trips b ON b.run_id = r.run_id
JOIN paper_trips p ON p.session_id = s.session_id AND p.signal_key = b.signal_key AND p.side = b.side;

COMMENT ON VIEW v_backtest_trade_pairs IS
    'Each signal a backtest run and a paper session of the same strategy both traded: the two round trips and paper − backtest (filter on run_id and session_id).';

CREATE VIEW v_backtest_vs_paper WITH (security_invoker = true) AS
WITH trades AS (
    SELECT 'backtest' AS side, run_id AS id, net_pnl, fees FROM backtest_trades
    UNION ALL
    SELECT 'paper', session_id, net_pnl, fees FROM v_paper_trade_signals
), figures AS (
    SELECT side, id, count(*) AS trades, count(*) FILTER (WHERE net_pnl > 0) AS wins,
           sum(net_pnl) FILTER (WHERE net_pnl > 0) AS gross_wins, sum(net_pnl) FILTER (WHERE net_pnl < 0) AS gross_losses,
           sum(net_pnl) AS net_pnl, sum(fees) AS fees
    FROM trades
    GROUP BY side, id
), pairs AS (
    SELECT run_id, session_id, count(*) AS signals, sum(backtest_trades)::bigint AS backtest_trades, sum(paper_trades)::bigint AS paper_trades
    FROM v_backtest_trade_pairs
    GROUP BY run_id, session_id
)
SELECT r.run_id,
       s.session_id,
       s.name,
       s.account,
       COALESCE(b.trades, 0)                                                   AS backtest_trades,
       COALESCE(p.trades, 0)                                                   AS paper_trades,
       round(b.wins::numeric / NULLIF(b.trades, 0) * 100, 2)                   AS backtest_win_rate,
       round(p.wins::numeric / NULLIF(p.trades, 0) * 100, 2)                   AS paper_win_rate,
       round(b.gross_wins / NULLIF(-b.gross_losses, 0), 4)                     AS backtest_profit_factor,
       round(p.gross_wins / NULLIF(-p.gross_losses, 0), 4)                     AS paper_profit_factor,
       round(b.net_pnl / NULLIF(b.trades, 0), 10)                              AS backtest_expectancy,
       round(p.net_pnl / NULLIF(p.trades, 0), 10)                              AS paper_expectancy,
       COALESCE(b.net_pnl, 0)                                                  AS backtest_net_pnl,
       COALESCE(p.net_pnl, 0)                                                  AS paper_net_pnl,
       COALESCE(p.net_pnl, 0) - COALESCE(b.net_pnl, 0)                         AS net_difference,
       COALESCE(b.fees, 0)                                                     AS backtest_fees,
       COALESCE(p.fees, 0)                                                     AS paper_fees,
       COALESCE(x.signals, 0)                                                  AS paired_signals,
       COALESCE(b.trades, 0) - COALESCE(x.backtest_trades, 0)                  AS backtest_only_trades,
       COALESCE(p.trades, 0) - COALESCE(x.paper_trades, 0)                     AS paper_only_trades
FROM backtest_runs r
JOIN strategy_sessions s ON s.checksum = r.checksum
LEFT JOIN figures b ON b.side = 'backtest' AND b.id = r.run_id
LEFT JOIN figures p ON p.side = 'paper' AND p.id = s.session_id
LEFT JOIN pairs x ON x.run_id = r.run_id AND x.session_id = s.session_id;

COMMENT ON VIEW v_backtest_vs_paper IS
    'A backtest run beside each paper session of the same strategy (same checksum): seed 004''s trade figures for both, paired signals and the trades only one side has.';

GRANT SELECT ON v_paper_trade_signals, v_backtest_trade_pairs, v_backtest_vs_paper TO trading_agent;
