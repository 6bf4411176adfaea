-- 0025: market_prices.received_at, when the database received a quote (issue 15, item 1: no fill at a superseded quote).
--
-- A quote's `time` is the market's clock; a feed may insert it late (a replay, a slow connection, a backfill). To judge
-- whether a fill should have seen a newer quote, timing_violations() (db/repeatable/functions/17_invariants.sql) needs
-- when the quote reached the database: a quote stamped 10:00:00 but inserted at 10:05 cannot have priced a fill at 10:01.
--
-- Added in two steps on purpose:
--   1. ADD COLUMN ... DEFAULT now(): a stable default is stored once in the catalogue, so the column is added without
--      rewriting market_prices (which may be a large hypertable, compressed where the license allows). Existing rows
--      read the migration's time: they count as received now, after every fill made before this migration, so the
--      invariant never judges an old fill by them (it judges no fill made before 0025 at all, which is the honest claim).
--   2. SET DEFAULT clock_timestamp(): new rows get the moment of their insertion, not the start of their transaction. A
--      feed batch (one transaction of up to thousands of rows) commits some time after it starts; the later the stamp,
--      the narrower the window in which a quote counts as received before a fill yet was not yet visible to that fill's
--      claim. Changing a default rewrites nothing. On Citus market_prices is a reference table: the coordinator
--      evaluates a volatile default once per row and sends the value to every replica, so the copies agree.
-- Feeds write through staging tables created LIKE market_prices INCLUDING DEFAULTS and merge with an explicit column
-- list, so the column takes its default on the final insert either way.

-- Revised (RevisedMigrations): TimescaleDB refuses a non-constant default on a hypertable whose columnstore is on
-- (0002 turns it on for market_prices under the Timescale licence), so there the column is added without a default and
-- stays nullable: the quotes stored before 0025 have no known receipt (NULL), and a quote whose receipt is unknown is
-- never held against a fill (timing_violations compares received_at, and NULL compares to nothing). Everywhere else
-- this is the first text.
DO $received$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        IF EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                   WHERE hypertable_schema = current_schema() AND hypertable_name = 'market_prices' AND compression_enabled) THEN
            ALTER TABLE market_prices ADD COLUMN received_at timestamptz;
            ALTER TABLE market_prices ALTER COLUMN received_at SET DEFAULT clock_timestamp();
            RETURN;
        END IF;
    END IF;
    ALTER TABLE market_prices ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE market_prices ALTER COLUMN received_at SET DEFAULT clock_timestamp();
END
$received$;

COMMENT ON COLUMN market_prices.received_at IS
    'When the database received the quote (insert time; for quotes stored before 0025 the migration''s time, or NULL, unknown, on a TimescaleDB columnstore). time is the market''s clock.';
