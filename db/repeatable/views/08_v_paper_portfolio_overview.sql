-- The view v_paper_portfolio_overview: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_paper_portfolio_overview AS
WITH pos AS (
    SELECT account,
           count(*)                          AS num_positions,
           COALESCE(sum(position_value), 0)  AS positions_value,
           COALESCE(sum(abs(position_value)), 0) AS gross_exposure,
           COALESCE(sum(unrealized_pnl), 0)  AS unrealized_pnl,
           COALESCE(sum(entry_fees), 0)      AS open_entry_fees,
           count(*) FILTER (WHERE current_price IS NULL) AS unpriced_positions
    FROM v_paper_open_positions
    GROUP BY account
), realized AS (
    SELECT account, epoch, net_pnl::numeric AS realized_pnl, fees::numeric AS trade_fees, total_trades
    FROM paper_account_stats
), deposits AS (
    SELECT account, epoch, sum(amount) AS net_deposits
    FROM paper_ledger
    WHERE kind IN ('deposit', 'withdrawal')
    GROUP BY account, epoch
)
SELECT a.account,
       a.epoch,
       a.base_currency,
       a.initial_capital,
       COALESCE(d.net_deposits, 0)                                   AS net_deposits,
       a.cash,
       COALESCE(p.positions_value, 0)                                AS positions_value,
       a.cash + COALESCE(p.positions_value, 0)                       AS total_value,
       COALESCE(p.gross_exposure, 0)                                 AS gross_exposure,
       COALESCE(p.unrealized_pnl, 0)                                 AS unrealized_pnl,
       COALESCE(r.realized_pnl, 0)                                   AS realized_pnl,
       a.cash + COALESCE(p.positions_value, 0) - a.initial_capital - COALESCE(d.net_deposits, 0) AS total_pnl,
       CASE WHEN a.initial_capital + COALESCE(d.net_deposits, 0) > 0
            THEN round((a.cash + COALESCE(p.positions_value, 0) - a.initial_capital - COALESCE(d.net_deposits, 0))
                       / (a.initial_capital + COALESCE(d.net_deposits, 0)) * 100, 4) END AS total_pnl_pct,
       COALESCE(p.num_positions, 0)                                  AS num_positions,
       COALESCE(r.total_trades, 0)                                   AS total_trades,
       COALESCE(p.unpriced_positions, 0)                             AS unpriced_positions,
       a.halted,
       a.halt_reason
FROM accounts a
LEFT JOIN pos p ON p.account = a.account
LEFT JOIN realized r ON r.account = a.account AND r.epoch = a.epoch
LEFT JOIN deposits d ON d.account = a.account AND d.epoch = a.epoch;

-- ---------------------------------------------------------------------------------------------------------------
-- The views run as the caller, so the policies above apply through them; callers need SELECT on what they read.
-- Market data is shared by every account: readers read it too (v_paper_open_positions marks positions with it).
-- Readers see decisions only as v_strategy_sessions counts them (one column), not their content.
-- ---------------------------------------------------------------------------------------------------------------
ALTER VIEW v_paper_portfolio_overview SET (security_invoker = true);
REVOKE ALL ON v_paper_portfolio_overview FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_portfolio_overview TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
