-- The view v_paper_daily_pnl: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_paper_daily_pnl AS
WITH funding AS (
    SELECT account, (time AT TIME ZONE 'UTC')::date AS day, sum(amount) AS net_deposits
    FROM paper_ledger
    WHERE kind IN ('deposit', 'withdrawal')
    GROUP BY 1, 2
), days AS (
    SELECT d.account, d.day, d.close_value AS closing_value,
           COALESCE(lag(d.close_value) OVER (PARTITION BY d.account ORDER BY d.day), a.initial_capital) AS opening_value,
           d.trades, d.wins, d.realized_pnl, d.fees
    FROM paper_daily_equity d
    JOIN accounts a ON a.account = d.account
    WHERE d.close_value IS NOT NULL
)
SELECT d.account,
       d.day,
       d.opening_value,
       d.closing_value,
       d.closing_value - d.opening_value - COALESCE(f.net_deposits, 0)                       AS pnl,
       CASE WHEN d.opening_value + COALESCE(f.net_deposits, 0) > 0
            THEN round((d.closing_value - d.opening_value - COALESCE(f.net_deposits, 0))
                       / (d.opening_value + COALESCE(f.net_deposits, 0)) * 100, 4) END      AS return_pct,
       d.trades,
       d.wins,
       d.realized_pnl::numeric                                                              AS realized_pnl,
       d.fees::numeric                                                                      AS fees,
       COALESCE(f.net_deposits, 0)                                                          AS net_deposits
FROM days d
LEFT JOIN funding f ON f.account = d.account AND f.day = d.day;

ALTER VIEW v_paper_daily_pnl SET (security_invoker = true);
REVOKE ALL ON v_paper_daily_pnl FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_daily_pnl TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
