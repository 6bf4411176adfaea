-- The view v_paper_realism_band: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- Per account: the realism band of v_paper_realism_band_by_strategy summed over strategies, plus the ledger entries no
-- fill made (adjustments, funding; deposits and withdrawals are capital, not P&L), which are the same under every model.
-- actual_pnl is therefore v_paper_portfolio_overview.total_pnl: equity − initial capital − net deposits.
--   optimism    optimistic − actual: what the result owes to the account's frictions (spread, fees, slippage, delay)
--   pessimism   actual − pessimistic: what a tick, doubled slippage and the back of the queue would take away
--   band_bps    the band's width in basis points of the traded notional
CREATE OR REPLACE VIEW v_paper_realism_band WITH (security_invoker = true) AS
WITH strategies AS (
    SELECT account, sum(fills)::bigint AS fills, sum(traded_notional) AS traded_notional, sum(actual_pnl) AS actual_pnl,
           sum(optimistic_pnl) AS optimistic_pnl, sum(pessimistic_pnl) AS pessimistic_pnl,
           sum(unpriced_positions)::bigint AS unpriced_positions
    FROM v_paper_realism_band_by_strategy
    GROUP BY account
), other AS (
    SELECT account, sum(amount) AS amount
    FROM paper_ledger l
    JOIN accounts a USING (account, epoch)
    WHERE fill_id IS NULL AND kind NOT IN ('deposit', 'withdrawal')
    GROUP BY account
), band AS (
    SELECT a.account,
           COALESCE(s.fills, 0)                                                            AS fills,
           COALESCE(s.traded_notional, 0)                                                  AS traded_notional,
           CASE WHEN COALESCE(s.unpriced_positions, 0) = 0 THEN COALESCE(s.actual_pnl, 0) + COALESCE(o.amount, 0) END     AS actual_pnl,
           CASE WHEN COALESCE(s.unpriced_positions, 0) = 0 THEN COALESCE(s.optimistic_pnl, 0) + COALESCE(o.amount, 0) END AS optimistic_pnl,
           CASE WHEN COALESCE(s.unpriced_positions, 0) = 0 THEN COALESCE(s.pessimistic_pnl, 0) + COALESCE(o.amount, 0) END AS pessimistic_pnl,
           COALESCE(s.unpriced_positions, 0)                                               AS unpriced_positions
    FROM accounts a
    LEFT JOIN strategies s ON s.account = a.account
    LEFT JOIN other o ON o.account = a.account
)
SELECT account, fills, traded_notional, actual_pnl, optimistic_pnl, pessimistic_pnl,
       optimistic_pnl - actual_pnl                                                         AS optimism,
       actual_pnl - pessimistic_pnl                                                        AS pessimism,
       optimistic_pnl - pessimistic_pnl                                                    AS band_width,
       round((optimistic_pnl - pessimistic_pnl) / NULLIF(traded_notional, 0) * 10000, 4)   AS band_bps,
       unpriced_positions
FROM band;

COMMENT ON VIEW v_paper_realism_band IS
    'Per account: net P&L under the recorded fills (= v_paper_portfolio_overview.total_pnl), an optimistic and a pessimistic fill model, and the spreads between them: how much of a result depends on the simulation''s assumptions.';
REVOKE ALL ON v_paper_realism_band FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_realism_band TO trading_agent, trading_operator, trading_orchestrator;
