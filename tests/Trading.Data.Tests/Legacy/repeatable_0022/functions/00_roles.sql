-- The cluster-wide roles the grants of every migration and every function file name. Created here, first, when missing
-- (a second database on the same server finds them); they were created by 0005 and 0011 until the views and functions
-- moved out of the migrations, and function files, applied before any pending migration, grant to them.
--   trading_agent         inserts decisions for the accounts it is granted, reads their outcome and market data
--   trading_reader        reads the views of the accounts it is granted
--   trading_orchestrator  executes decisions: writes orders, fills, trades, ledger and snapshots
--   trading_feed          writes quotes (market_prices) and registers unknown symbols (instruments.symbol)
--   trading_operator      the CLI's operator commands: accounts, settings, risk limits, funding, kill switch, reset, cancel
DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['trading_agent', 'trading_reader', 'trading_orchestrator', 'trading_feed', 'trading_operator']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$roles$;
