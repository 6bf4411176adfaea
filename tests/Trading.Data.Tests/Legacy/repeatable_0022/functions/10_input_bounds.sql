-- The stated maxima for prices, quantities and money (CHECK constraints of 0012 call them) and the helper 0012 adds
-- its checks with.

-- ---------------------------------------------------------------------------------------------------------------
-- Item 3: the stated maxima, in this one place (Trading.Engine.Primitives.VenueLimits states the same values for C#;
-- VenueLimitsTests compares them). Each is an exclusive upper bound.
--   max_price()     10^8 per unit: a thousand times Bitcoin's price in USD, a hundred times the dearest listed share.
--   max_quantity()  10^9 units: a meme coin at 10^-5 buys 10^4 USDT of them. numeric(28,12) itself would allow 10^16.
--   max_amount()    10^15: capital, notional, fees and limits (a quadrillion of the base currency).
-- Why these: every stored amount is numeric(28,10), below 10^18. One position is worth at most
-- max_quantity x max_price = 10^17, a tenth of that; cash starts below 10^15 and moves only by what positions made, so
-- an account's equity, exposure and P&L stay below 10^18 unless it holds some ten positions each at both maxima at once.
-- Immutable functions, not a table: a CHECK may call them, and the planner folds them into constants.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION max_price() RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$ SELECT 100000000::numeric $$;
REVOKE ALL ON FUNCTION max_price() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION max_price() TO PUBLIC, trading_agent, trading_orchestrator, trading_reader;

CREATE OR REPLACE FUNCTION max_quantity() RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$ SELECT 1000000000::numeric $$;
REVOKE ALL ON FUNCTION max_quantity() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION max_quantity() TO PUBLIC, trading_agent, trading_orchestrator, trading_reader;

CREATE OR REPLACE FUNCTION max_amount() RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$ SELECT 1000000000000000::numeric $$;
REVOKE ALL ON FUNCTION max_amount() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION max_amount() TO PUBLIC, trading_agent, trading_orchestrator, trading_reader;

-- ---------------------------------------------------------------------------------------------------------------
-- Adding checks to tables that may already hold rows. One ALTER TABLE per table, so a large table (market_prices) is
-- scanned once for all its new checks. Not NOT VALID + VALIDATE: inside the migration's single transaction the ADD
-- already holds the ACCESS EXCLUSIVE lock until commit, so the split would buy no concurrency, only a second statement.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE PROCEDURE add_check_constraints(p_table regclass, p_names text[], p_checks text[])
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    i         integer;
    offending text;
BEGIN
    EXECUTE format('ALTER TABLE %s ', p_table)
         || (SELECT string_agg(format('ADD CONSTRAINT %I CHECK (%s)', n, c), ', ' ORDER BY o)
             FROM unnest(p_names, p_checks) WITH ORDINALITY AS x(n, c, o));
EXCEPTION WHEN check_violation THEN
    FOR i IN 1 .. cardinality(p_checks) LOOP
        EXECUTE format('SELECT t::text FROM %s AS t WHERE NOT (%s) LIMIT 1', p_table, p_checks[i]) INTO offending;
        IF offending IS NOT NULL THEN
            RAISE EXCEPTION 'cannot add constraint % to %: the existing row % breaks CHECK (%)',
                            p_names[i], p_table, offending, p_checks[i]
                USING ERRCODE = 'check_violation', CONSTRAINT = p_names[i],
                      HINT = format('SELECT * FROM %s WHERE NOT (%s) lists every such row; correct or remove them, then '
                                    'migrate again (the migration never changes data itself).', p_table, p_checks[i]);
        END IF;
    END LOOP;
    RAISE;
END;
$$;
REVOKE ALL ON PROCEDURE add_check_constraints(regclass,text[],text[]) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
