-- The view v_paper_account_epochs: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- Every epoch of every live account, the current one included (is_current; its figures are live, from the overview).
-- history_account is the name the epoch's rows are kept under: the archive for a closed epoch, the account itself for
-- the current one, e.g. SELECT * FROM v_paper_recent_trades WHERE account = '<history_account>'.
CREATE OR REPLACE VIEW v_paper_account_epochs AS
SELECT e.account,
       e.epoch,
       false                                                              AS is_current,
       e.archived_as                                                      AS history_account,
       e.base_currency,
       e.started_at,
       e.ended_at,
       e.initial_capital,
       e.net_deposits,
       e.final_equity,
       e.net_pnl,
       round(e.net_pnl / NULLIF(e.initial_capital + e.net_deposits, 0) * 100, 4) AS net_pnl_pct,
       e.total_trades,
       e.reason
FROM paper_account_epochs e
UNION ALL
SELECT a.account,
       a.epoch,
       true,
       a.account,
       a.base_currency,
       a.epoch_started_at,
       NULL,
       a.initial_capital,
       o.net_deposits,
       o.total_value,
       o.total_pnl,
       round(o.total_pnl / NULLIF(o.initial_capital + o.net_deposits, 0) * 100, 4),
       o.total_trades,
       NULL
FROM accounts a
JOIN v_paper_portfolio_overview o ON o.account = a.account;

ALTER VIEW v_paper_account_epochs SET (security_invoker = true);
REVOKE ALL ON v_paper_account_epochs FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_account_epochs TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
