-- 0022: market data for the realism models (issue 15 items 3 and 4): L2 book snapshots (market_depth) and trade prints (market_trades).
--
-- Tables only: the models that read them are in Trading.Engine (Liquidity/, Queue/), the feeds fill them.
--   market_depth   one row per (symbol, time, side, level): a snapshot of the book at `time`, level 0 the touch, each
--                  level at its own price. A snapshot is all rows of one (symbol, time); the book walk reads the newest
--                  snapshot at or before the execution time, as quotes are read from market_prices.
--   market_trades  one row per print: price, size and, when the venue says, the aggressor's side (buy: lifted the asks,
--                  sell: hit the bids). trade_id is the venue's trade id, or the feed's own sequence where it has none;
--                  it makes a re-ingested print a duplicate, not a second trade.
-- Bounds as market_prices has them (0001, 0012): prices positive and below max_price(), sizes finite and non-negative
-- (a trade's size positive), times finite. Sizes have no stated maximum, as in market_prices: a meme coin's book holds
-- more than max_quantity() units at one level, and the engine never multiplies a size by a price into a stored amount.
-- Like market_prices, the time is in every key, so both become hypertables when TimescaleDB is there (as in 0002).

CREATE TABLE market_depth (
    time    timestamptz NOT NULL CONSTRAINT market_depth_time_finite CHECK (time > '-infinity' AND time < 'infinity'),
    symbol  text NOT NULL,
    side    text NOT NULL CONSTRAINT market_depth_side_valid CHECK (side IN ('bid', 'ask')),
    level   smallint NOT NULL CONSTRAINT market_depth_level_range CHECK (level >= 0 AND level < 1000),
    price   numeric(28,10) NOT NULL CONSTRAINT market_depth_price_range CHECK (price > 0 AND price < max_price()),
    size    numeric(28,12) NOT NULL CONSTRAINT market_depth_size_finite CHECK (size >= 0 AND size < 'Infinity'),
    source  text,
    CONSTRAINT market_depth_pkey PRIMARY KEY (symbol, time, side, level)
);

COMMENT ON TABLE market_depth IS
    'L2 book snapshots: all rows of one (symbol, time) are one snapshot; level 0 is the touch, prices worsen with the level.';

CREATE TABLE market_trades (
    time       timestamptz NOT NULL CONSTRAINT market_trades_time_finite CHECK (time > '-infinity' AND time < 'infinity'),
    symbol     text NOT NULL,
    trade_id   bigint NOT NULL,
    price      numeric(28,10) NOT NULL CONSTRAINT market_trades_price_range CHECK (price > 0 AND price < max_price()),
    size       numeric(28,12) NOT NULL CONSTRAINT market_trades_size_positive CHECK (size > 0 AND size < 'Infinity'),
    aggressor  text CONSTRAINT market_trades_aggressor_valid CHECK (aggressor IN ('buy', 'sell')),
    source     text,
    CONSTRAINT market_trades_pkey PRIMARY KEY (symbol, time, trade_id)
);

COMMENT ON TABLE market_trades IS
    'Trade prints: aggressor buy lifted the asks, sell hit the bids, NULL when the venue does not say.';

-- ---------------------------------------------------------------------------------------------------------------
-- Who touches them. Feeds write (SELECT too: their staging tables are created LIKE these, as for market_prices). The
-- orchestrator reads them for fills and writes them when it hosts the simulated feed (`trading run`), as 0011 lets it
-- write market_prices. Agents and readers read market data, which every account shares (0014). No UPDATE or DELETE
-- for anyone but the owner: market data is history.
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT, INSERT ON market_depth, market_trades TO trading_feed;
GRANT SELECT, INSERT ON market_depth, market_trades TO trading_orchestrator;
GRANT SELECT ON market_depth, market_trades TO trading_reader, trading_agent, trading_operator;

-- ---------------------------------------------------------------------------------------------------------------
-- TimescaleDB, when the server has it (the checks are those of 0002). A book is many rows a second, so its chunks are
-- six hours and, where the license allows, compressed after a day and dropped after 90 days; prints are kept a year.
-- ---------------------------------------------------------------------------------------------------------------
DO $timescale$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RAISE NOTICE 'timescaledb is not in use here: market_depth and market_trades stay ordinary tables';
        RETURN;
    END IF;

    PERFORM create_hypertable('market_depth', 'time', chunk_time_interval => interval '6 hours');
    PERFORM create_hypertable('market_trades', 'time', chunk_time_interval => interval '1 day');

    IF COALESCE(current_setting('timescaledb.license', true), 'apache') = 'timescale' THEN
        EXECUTE $sql$ALTER TABLE market_depth SET (timescaledb.compress,
                     timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = 'time DESC, side, level')$sql$;
        PERFORM add_compression_policy('market_depth', interval '1 day');
        PERFORM add_retention_policy('market_depth', interval '90 days');
        EXECUTE $sql$ALTER TABLE market_trades SET (timescaledb.compress,
                     timescaledb.compress_segmentby = 'symbol', timescaledb.compress_orderby = 'time DESC, trade_id')$sql$;
        PERFORM add_compression_policy('market_trades', interval '7 days');
        PERFORM add_retention_policy('market_trades', interval '365 days');
    END IF;
END
$timescale$;
