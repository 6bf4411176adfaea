-- The view v_paper_recent_trades: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_paper_recent_trades AS
SELECT t.trade_id,
       t.account,
       t.symbol,
       t.side,
       t.quantity,
       t.entry_price,
       t.exit_price,
       t.entry_time,
       t.exit_time,
       t.hold_duration,
       t.realized_pnl,
       t.fees,
       t.net_pnl,
       t.return_pct,
       CASE WHEN t.net_pnl > 0 THEN 'win' WHEN t.net_pnl < 0 THEN 'loss' ELSE 'breakeven' END AS outcome,
       t.agent,
       t.strategy,
       t.decision_id
FROM paper_trades t
ORDER BY t.exit_time DESC, t.trade_id DESC;

ALTER VIEW v_paper_recent_trades SET (security_invoker = true);
REVOKE ALL ON v_paper_recent_trades FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_recent_trades TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
