-- The view v_strategy_sessions: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- ---------------------------------------------------------------------------------------------------------------
-- The running figures of each session (its account's): trades, open positions, P&L, equity, drawdown.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW v_strategy_sessions AS
SELECT s.session_id, s.name, s.account, s.mode, s.status, s.status_reason, s.started_at, s.stopped_at,
       s.last_bar_close, s.bars_acted, s.checksum,
       (SELECT count(*) FROM trading_decisions d WHERE d.strategy_session_id = s.session_id) AS decisions,
       (SELECT count(*) FROM paper_trades t WHERE t.account = s.account) AS trades,
       o.num_positions AS open_positions,
       o.realized_pnl, o.unrealized_pnl, o.total_pnl, o.total_pnl_pct, o.total_value AS equity,
       m.max_drawdown_pct, m.win_rate
FROM strategy_sessions s
LEFT JOIN v_paper_portfolio_overview o ON o.account = s.account
LEFT JOIN v_paper_performance_metrics m ON m.account = s.account;

COMMENT ON VIEW v_strategy_sessions IS 'Each strategy session with the running figures of its account.';

ALTER VIEW v_strategy_sessions SET (security_invoker = true);
REVOKE ALL ON v_strategy_sessions FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_strategy_sessions TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
