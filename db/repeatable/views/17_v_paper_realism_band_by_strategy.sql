-- The view v_paper_realism_band_by_strategy: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- The realism band (issue 15, item 5): every fill re-priced under an optimistic and a pessimistic model, computed from
-- the recorded fill columns, without a second ledger. Quantities are the same under all three models, so the P&L under
-- a model needs no trade matching: Σ over fills of −side × quantity × price_model − fee_model (the cash the fills moved)
-- plus the net quantity of each symbol × its current mark (the positions' value).
--   actual       the recorded fill: its notional and fee, exactly as the ledger has them.
--   optimistic   the ideal of v_paper_shortfall: the mid of the newest quote at or before the decision (its price
--                moment for a replayed decision) for a fill made on arrival; the mid of its own quote for a fill made
--                later (resting, triggered, bracket exits: no decision moment priced them); no fee, no slippage, no
--                latency, unlimited size. Where the recorded price is better for the trader than that mid (a limit
--                filled through it, a market that moved the trader's way during the latency), the recorded price: the
--                optimistic model never does worse than the account's.
--   pessimistic  the account's model made worse: one tick (instruments.tick_size) against the trader on every fill; the
--                recorded slippage once more (slippage_cost: the per-unit slippage × quantity, so it is doubled); and for
--                a maker fill the back of the queue, one more tick: an order behind everything displayed at its price
--                fills only once the market trades one tick through that price, when the market already stands a tick
--                beyond it, so the fill is charged a tick against the trader. Its quantity is kept (dropping a fill
--                that the back of the queue might have missed would change the position and need a second ledger).
--                The fee is the recorded one.
-- A bracket exit counts for the strategy of the decision behind it. Fills of closed epochs are left out (the current
-- epoch's only, as in v_paper_portfolio_overview); the account totals, with ledger entries no fill made, are v_paper_realism_band.
CREATE OR REPLACE VIEW v_paper_realism_band_by_strategy WITH (security_invoker = true) AS
WITH fills AS (
    SELECT f.account, f.symbol, d.strategy, CASE f.side WHEN 'buy' THEN 1 ELSE -1 END AS s,
           f.quantity, f.price, f.notional, f.fee, f.slippage_cost, f.liquidity, i.tick_size,
           COALESCE(CASE WHEN o.decision_id IS NOT NULL AND f.filled_at = o.created_at THEN (
                        SELECT COALESCE((m.bid + m.ask) / 2, m.last)
                        FROM market_prices m
                        WHERE m.symbol = f.symbol AND m.time <= COALESCE(d.price_as_of, d.created_at)
                        ORDER BY m.time DESC
                        LIMIT 1) END,
                    (f.quote_bid + f.quote_ask) / 2, f.quote_last, f.reference_price) AS ideal_mid
    FROM paper_fills f
    JOIN accounts a ON a.account = f.account AND a.epoch = f.epoch
    JOIN paper_orders o ON o.account = f.account AND o.order_id = f.order_id
    LEFT JOIN trading_decisions d ON d.account = o.account AND d.id = COALESCE(o.decision_id, o.parent_decision_id)
    JOIN instruments i ON i.symbol = f.symbol
), per_symbol AS (
    SELECT account, strategy, symbol,
           count(*)                                                                        AS fills,
           sum(notional)                                                                   AS traded_notional,
           sum(s * quantity)                                                               AS signed_quantity,
           sum(-s * notional - fee)                                                        AS actual_cash,
           sum(-s * quantity * CASE WHEN s = 1 THEN LEAST(ideal_mid, price) ELSE GREATEST(ideal_mid, price) END)
                                                                                           AS optimistic_cash,
           sum(-s * notional - fee - slippage_cost
               - quantity * tick_size * CASE liquidity WHEN 'maker' THEN 2 ELSE 1 END)    AS pessimistic_cash
    FROM fills
    GROUP BY account, strategy, symbol
), marked AS (
    -- A flat symbol needs no mark; an open one without a mark leaves its row's P&L unknown (NULL), not wrong.
    SELECT p.*, CASE WHEN p.signed_quantity = 0 THEN 0 ELSE p.signed_quantity * lp.mark_price END AS position_value
    FROM per_symbol p
    LEFT JOIN v_latest_prices lp ON lp.symbol = p.symbol
)
SELECT account,
       strategy,
       sum(fills)::bigint                                                                  AS fills,
       sum(traded_notional)                                                                AS traded_notional,
       CASE WHEN bool_and(position_value IS NOT NULL) THEN sum(actual_cash + position_value) END             AS actual_pnl,
       CASE WHEN bool_and(position_value IS NOT NULL) THEN round(sum(optimistic_cash + position_value), 10) END  AS optimistic_pnl,
       CASE WHEN bool_and(position_value IS NOT NULL) THEN round(sum(pessimistic_cash + position_value), 10) END AS pessimistic_pnl,
       count(*) FILTER (WHERE position_value IS NULL)                                      AS unpriced_positions
FROM marked
GROUP BY account, strategy;

COMMENT ON VIEW v_paper_realism_band_by_strategy IS
    'Per account and strategy: net P&L (realised + unrealised at the current mark) under the recorded fills, an optimistic model (decision-time mid, no fee, slippage or latency) and a pessimistic one (one tick worse, slippage doubled, makers at the back of the queue).';
REVOKE ALL ON v_paper_realism_band_by_strategy FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_realism_band_by_strategy TO trading_agent, trading_operator, trading_orchestrator;
