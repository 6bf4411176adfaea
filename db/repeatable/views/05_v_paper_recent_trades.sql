-- The view v_paper_recent_trades: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- Two views: v_paper_trade_history holds every epoch's trades (a closed epoch: WHERE account = 'alpha' AND epoch = 1),
-- v_paper_recent_trades the current epoch's, newest first.
CREATE OR REPLACE VIEW v_paper_trade_history AS
SELECT t.trade_id,
       t.account,
       t.epoch,
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
FROM paper_trades t;

ALTER VIEW v_paper_trade_history SET (security_invoker = true);
REVOKE ALL ON v_paper_trade_history FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_trade_history TO trading_agent, trading_operator, trading_orchestrator, trading_reader;

CREATE OR REPLACE VIEW v_paper_recent_trades AS
SELECT h.*
FROM v_paper_trade_history h
JOIN accounts a ON a.account = h.account AND a.epoch = h.epoch
ORDER BY h.exit_time DESC, h.trade_id DESC;

ALTER VIEW v_paper_recent_trades SET (security_invoker = true);
REVOKE ALL ON v_paper_recent_trades FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_recent_trades TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
