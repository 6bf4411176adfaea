-- 0002: TimescaleDB when the server has it: time-series tables become hypertables; plain PostgreSQL keeps ordinary tables.
--
-- Every unique key of these tables already contains its time column (market_prices (symbol, time),
-- paper_trades (trade_id, exit_time), paper_portfolio_snapshots (account, time)), as hypertables require.
-- Compression and retention belong to the Timescale License (community) edition; the Apache edition skips them.
DO $timescale$
DECLARE
    license text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        RAISE NOTICE 'timescaledb is not available on this server: market_prices, paper_trades and '
                     'paper_portfolio_snapshots stay ordinary tables';
        RETURN;
    END IF;
    IF COALESCE(current_setting('shared_preload_libraries', true), '') NOT LIKE '%timescaledb%' THEN
        RAISE NOTICE 'timescaledb is installed but not in shared_preload_libraries: ordinary tables are kept';
        RETURN;
    END IF;

    CREATE EXTENSION IF NOT EXISTS timescaledb;

    PERFORM create_hypertable('market_prices', 'time',
                              chunk_time_interval => interval '1 day', migrate_data => true);
    PERFORM create_hypertable('paper_trades', 'exit_time',
                              chunk_time_interval => interval '30 days', migrate_data => true);
    PERFORM create_hypertable('paper_portfolio_snapshots', 'time',
                              chunk_time_interval => interval '7 days', migrate_data => true);

    license := COALESCE(current_setting('timescaledb.license', true), 'apache');
    IF license = 'timescale' THEN
        EXECUTE $sql$ALTER TABLE market_prices SET (timescaledb.compress,
                     timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = 'time DESC')$sql$;
        PERFORM add_compression_policy('market_prices', interval '7 days');
        EXECUTE $sql$ALTER TABLE paper_portfolio_snapshots SET (timescaledb.compress,
                     timescaledb.compress_segmentby = 'account', timescaledb.compress_orderby = 'time DESC')$sql$;
        PERFORM add_compression_policy('paper_portfolio_snapshots', interval '30 days');
        -- Raw quotes older than a year are dropped; trades and snapshots are the account's history and are kept.
        PERFORM add_retention_policy('market_prices', interval '365 days');
    ELSE
        RAISE NOTICE 'timescaledb license is %: hypertables without compression or retention policies', license;
    END IF;
END
$timescale$;
