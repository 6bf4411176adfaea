-- 0005: the role boundaries: agents insert decisions and read; readers read the views; the orchestrator writes.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- The roles themselves are cluster-wide and created when missing by db/repeatable/functions/00_roles.sql, before any
-- migration (function grants name them); the grants are per database and always applied. Log-in users are members of
-- these roles, e.g.
--   CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE trading_agent;

-- Nobody but the owner and the roles below sees a table (PUBLIC has no table rights by default; this says so).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;

-- Readers: the views and the read functions (their grants are in their files under db/repeatable/).
GRANT USAGE ON SCHEMA public TO trading_reader, trading_agent, trading_orchestrator;

-- Agents: insert decisions (only the columns an agent owns; status and timestamps belong to the orchestrator),
-- read their outcome, and read market data.
GRANT INSERT (account, agent, strategy, symbol, decision, confidence, risk_score, reasoning, current_price, quantity,
              notional, order_type, limit_price, stop_price, stop_loss, take_profit, trailing_offset, time_in_force,
              expires_at, idempotency_key)
    ON trading_decisions TO trading_agent;
GRANT SELECT ON trading_decisions, market_prices, instruments TO trading_agent;

-- The orchestrator: everything it writes, nothing it does not (no DDL, no deletes of history).
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO trading_orchestrator;
GRANT DELETE ON paper_positions TO trading_orchestrator;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO trading_orchestrator;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO trading_orchestrator;

-- Tables and sequences that later migrations create are the orchestrator's to write as well.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO trading_orchestrator;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO trading_orchestrator;
