-- The claim's lock step: the orchestrator finds the accounts with work in one statement without locks, then locks them
-- here one account at a time, oldest work first, skipping those another batch holds, until it has p_max. One lock
-- statement per account because Citus refuses a row lock over several accounts (they may sit on different workers);
-- on a single server it costs an index probe each, like the one statement it replaces. FOR NO KEY UPDATE: agents'
-- inserts take FOR KEY SHARE on the account through the foreign key and must not wait for a batch in flight.
-- Returns the names locked, in the candidates' order; the caller reads their rows after this statement (a statement's
-- snapshot predates the locks its function takes).
CREATE OR REPLACE FUNCTION lock_accounts(p_candidates text[], p_max integer) RETURNS SETOF text
    LANGUAGE plpgsql AS
$$
DECLARE
    candidate text;
    taken integer := 0;
BEGIN
    FOREACH candidate IN ARRAY coalesce(p_candidates, '{}') LOOP
        EXIT WHEN taken >= p_max;
        PERFORM FROM accounts a WHERE a.account = candidate FOR NO KEY UPDATE SKIP LOCKED;
        IF FOUND THEN
            taken := taken + 1;
            RETURN NEXT candidate;
        END IF;
    END LOOP;
END;
$$;
REVOKE ALL ON FUNCTION lock_accounts(text[], integer) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION lock_accounts(text[], integer) TO trading_orchestrator, trading_operator;
