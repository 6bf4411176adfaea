-- The view v_latest_prices: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- The views' "latest" is the engine's: the newest quote at or before now (ExecutionStore: m.time <= the execution time).
-- A quote up to 5 s ahead is accepted above and becomes the mark once its time has come. Columns as in 0003.
CREATE OR REPLACE VIEW v_latest_prices AS
SELECT i.symbol,
       q.time,
       q.bid,
       q.ask,
       q.last,
       COALESCE((q.bid + q.ask) / 2, q.last) AS mark_price
FROM instruments i
CROSS JOIN LATERAL (
    SELECT m.time, m.bid, m.ask, m.last
    FROM market_prices m
    WHERE m.symbol = i.symbol AND m.time <= now()
    ORDER BY m.time DESC
    LIMIT 1
) q;
REVOKE ALL ON v_latest_prices FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_latest_prices TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
