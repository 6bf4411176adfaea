-- 0011: security hardening (issue 18): SECURITY DEFINER functions pin search_path, no PUBLIC temp schemas, per-login connection limits, feed and operator roles, append-only history.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- Why each part (the attacks are in issue 18):
--   1. A SECURITY DEFINER function that resolves names through the caller's search_path runs the caller's temporary
--      objects as the owner: an agent made itself superuser through a temp view named `accounts`. Every such function
--      pins `pg_catalog, public, pg_temp` (pg_temp last), and PUBLIC may no longer create temporary objects at all.
--   7. A CONNECTION LIMIT on a group role limits nobody: each agent and reader login gets its own.
--   9. The orchestrator could rewrite schema_migrations, forge risk-limit history and update fills, trades and the
--      ledger. It keeps what it must write; feeds and operators get roles of their own; history is append-only for
--      everyone but the owner, and the functions that move or write history run as the owner.

-- ---------------------------------------------------------------------------------------------------------------
-- Roles (cluster-wide: created when missing by db/repeatable/functions/00_roles.sql).
--   trading_feed      writes quotes (market_prices) and registers unknown symbols (instruments.symbol)
--   trading_operator  the CLI's operator commands: accounts, settings, risk limits, funding, kill switch, reset, cancel
-- ---------------------------------------------------------------------------------------------------------------
GRANT USAGE ON SCHEMA public TO trading_feed, trading_operator;

-- The audit columns name the acting role, not the owner the function runs as.
ALTER TABLE paper_risk_limit_history ALTER COLUMN changed_by SET DEFAULT trading_acting_role();

CREATE TRIGGER paper_account_epochs_stamp
    BEFORE INSERT ON paper_account_epochs
    FOR EACH ROW EXECUTE FUNCTION paper_account_epochs_stamp();

-- A later SECURITY DEFINER function without a pinned path fails its migration here and SecurityDefinerTests after.
DO $pinned$
DECLARE
    unpinned text;
BEGIN
    SELECT string_agg(p.oid::regprocedure::text, ', ') INTO unpinned
    FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
      AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c = 'search_path=pg_catalog, public, pg_temp');
    IF unpinned IS NOT NULL THEN
        RAISE EXCEPTION 'SECURITY DEFINER function(s) without a pinned search_path: %', unpinned;
    END IF;
END
$pinned$;

-- Temporary objects are how a caller shadows names: PUBLIC may not create them. The feed's ingestion stages COPYs in
-- a temporary table (QuoteIngestor), so feeds, and the orchestrator that hosts the simulated feed, keep TEMP. A grant
-- on the database needs its owner: a migrating role that is not skips it with a notice (a DBA runs it then).
DO $temp$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = current_database() AND pg_has_role(d.datdba, 'MEMBER'))
       OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO trading_feed, trading_orchestrator', current_database());
    ELSE
        RAISE NOTICE 'not the owner of database %: run REVOKE TEMPORARY ON DATABASE % FROM PUBLIC; GRANT TEMPORARY ON DATABASE % TO trading_feed, trading_orchestrator; as its owner',
            current_database(), current_database(), current_database();
    END IF;
END
$temp$;

-- ---------------------------------------------------------------------------------------------------------------
-- The orchestrator: what the execution path, the snapshots and the in-process feed write (src/Trading.Data/Execution,
-- src/Trading.Data/MarketData), nothing else. It reads every table.
-- ---------------------------------------------------------------------------------------------------------------
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM trading_orchestrator;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO trading_orchestrator;
-- Cash after a batch, a breached loss limit's halt, the equity peak; settings are the operator's.
GRANT UPDATE (cash, halted, halt_reason, peak_equity) ON accounts TO trading_orchestrator;
-- A decision's outcome; its content is the agent's.
GRANT UPDATE (status, status_reason, order_id, processed_at, attempts) ON trading_decisions TO trading_orchestrator;
GRANT UPDATE (status, outcome, processed_at) ON paper_cancel_requests TO trading_orchestrator;
-- Working state, rewritten as it works.
GRANT INSERT, UPDATE ON paper_orders, paper_order_marks, paper_portfolio_snapshots, paper_account_stats, paper_daily_equity
    TO trading_orchestrator;
GRANT INSERT, DELETE ON paper_positions TO trading_orchestrator;
-- History: appended, never rewritten.
GRANT INSERT ON paper_fills, paper_trades, paper_ledger TO trading_orchestrator;
-- The simulated feed runs inside `trading run` on the orchestrator's connection.
GRANT INSERT ON market_prices TO trading_orchestrator;
GRANT INSERT (symbol) ON instruments TO trading_orchestrator;

-- Tables of later migrations are readable by default and writable only by an explicit grant in that migration.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE INSERT, UPDATE ON TABLES FROM trading_orchestrator;

-- ---------------------------------------------------------------------------------------------------------------
-- Feeds: quotes, and the symbols they name (tick and lot sizes stay the operator's). SELECT on market_prices: the
-- staging table is created LIKE it.
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT, INSERT ON market_prices TO trading_feed;
GRANT SELECT ON instruments TO trading_feed;
GRANT INSERT (symbol) ON instruments TO trading_feed;
-- The CLI checks the schema version before it writes.
GRANT SELECT ON schema_migrations TO trading_feed;

-- ---------------------------------------------------------------------------------------------------------------
-- Operators (`trading accounts|limits|kill-switch|resume|cancel|decide|status|check`): read everything; create accounts
-- and change their settings; manage risk limits (audited by the trigger); the functions above for money, halts and
-- resets. An operator's decisions and cancel requests carry exactly the columns an agent's do.
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT ON ALL TABLES IN SCHEMA public TO trading_operator;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO trading_operator;
GRANT INSERT (account) ON accounts TO trading_operator;
GRANT UPDATE (initial_capital, cash, base_currency, fee_rate, maker_fee_rate, min_fee, slippage_model, slippage_rate,
              spread_fraction, max_position_fraction, allow_shorting, leverage, allow_partial_size, confidence_threshold,
              staleness_bound, latency, random_seed, default_stop_loss_pct, default_take_profit_pct, fill_probability)
    ON accounts TO trading_operator;
GRANT INSERT, UPDATE, DELETE ON paper_risk_limits TO trading_operator;
GRANT INSERT, UPDATE, DELETE ON instruments TO trading_operator;
DO $agent_columns$
DECLARE
    grants record;
BEGIN
    FOR grants IN
        SELECT c.table_name, string_agg(quote_ident(c.column_name), ', ' ORDER BY c.column_name) AS columns
        FROM information_schema.column_privileges c
        WHERE c.grantee = 'trading_agent' AND c.privilege_type = 'INSERT' AND c.table_schema = 'public'
          AND c.table_name IN ('trading_decisions', 'paper_cancel_requests')
        GROUP BY c.table_name
    LOOP
        EXECUTE format('GRANT INSERT (%s) ON %I TO trading_operator', grants.columns, grants.table_name);
    END LOOP;
END
$agent_columns$;

-- ---------------------------------------------------------------------------------------------------------------
-- Append-only for everyone but the owner. The orchestrator lost its writes above; the statements below also take
-- them from any other role a DBA may have granted them to through PUBLIC.
-- ---------------------------------------------------------------------------------------------------------------
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations, paper_risk_limit_history, paper_account_epochs FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON paper_fills, paper_trades, paper_ledger FROM PUBLIC;

DO $limits$
DECLARE
    limited text;
BEGIN
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        SELECT string_agg(l, ', ') INTO limited FROM default_connection_limits(5) AS l;
        IF limited IS NOT NULL THEN
            RAISE NOTICE 'connection limit 5 set for %', limited;
        END IF;
    ELSE
        RAISE NOTICE 'this role may not alter roles: run SELECT default_connection_limits(5); as a role with CREATEROLE';
    END IF;
END
$limits$;
