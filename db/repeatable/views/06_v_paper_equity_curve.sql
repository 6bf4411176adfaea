-- The view v_paper_equity_curve: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- Two views: v_paper_equity_history holds every epoch's curve (each epoch its own running peak), v_paper_equity_curve
-- the current epoch's.
CREATE OR REPLACE VIEW v_paper_equity_history AS
SELECT s.account,
       s.epoch,
       s.time,
       s.cash,
       s.positions_value,
       s.total_value,
       s.total_pnl,
       s.total_pnl_pct,
       s.num_positions,
       max(s.total_value) OVER w                                         AS peak_value,
       s.total_value - max(s.total_value) OVER w                         AS drawdown,
       CASE WHEN max(s.total_value) OVER w > 0
            THEN round((s.total_value - max(s.total_value) OVER w) / max(s.total_value) OVER w * 100, 4) END AS drawdown_pct
FROM paper_portfolio_snapshots s
WINDOW w AS (PARTITION BY s.account, s.epoch ORDER BY s.time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

ALTER VIEW v_paper_equity_history SET (security_invoker = true);
REVOKE ALL ON v_paper_equity_history FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_equity_history TO trading_agent, trading_operator, trading_orchestrator, trading_reader;

CREATE OR REPLACE VIEW v_paper_equity_curve AS
SELECT h.*
FROM v_paper_equity_history h
JOIN accounts a ON a.account = h.account AND a.epoch = h.epoch;

ALTER VIEW v_paper_equity_curve SET (security_invoker = true);

COMMENT ON COLUMN v_paper_equity_curve.drawdown_pct IS
    'this snapshot''s fall below the running peak of the account''s curve, in percent of that peak; 0 or negative';
REVOKE ALL ON v_paper_equity_curve FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_equity_curve TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
