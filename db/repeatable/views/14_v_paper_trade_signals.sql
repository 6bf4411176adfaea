-- The view v_paper_trade_signals: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

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
CREATE OR REPLACE VIEW v_paper_trade_signals WITH (security_invoker = true) AS
SELECT t.trade_id, t.account, d.strategy_session_id AS session_id, strategy_signal_key(d.idempotency_key) AS signal_key,
       t.symbol, t.side, t.quantity, t.entry_price, t.exit_price, t.entry_time, t.exit_time, t.fees, t.net_pnl
    FROM paper_trades t
    JOIN LATERAL (
        SELECT f.order_id FROM paper_fills f
        WHERE f.account = t.account AND f.epoch = t.epoch AND f.symbol = t.symbol AND f.filled_at = t.entry_time
          AND f.side = CASE t.side WHEN 'long' THEN 'buy' ELSE 'sell' END
        ORDER BY f.fill_id LIMIT 1) en ON true
    JOIN paper_orders o ON o.account = t.account AND o.order_id = en.order_id
    JOIN trading_decisions d ON d.account = o.account AND d.id = o.decision_id
    WHERE d.strategy_session_id IS NOT NULL;
REVOKE ALL ON v_paper_trade_signals FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_trade_signals TO trading_agent, trading_operator, trading_orchestrator;
