-- Triggers on decisions, quotes and cancel requests: defaults and checks at insert, NOTIFY to wake the orchestrator,
-- archived accounts refused, quotes from the future refused.

-- Whatever the inserting client sends, a new decision starts pending, unprocessed, stamped by the database clock:
-- the orchestrator's exactly-once guarantee and the latency figures both depend on it.
CREATE OR REPLACE FUNCTION trading_decisions_before_insert() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.status := 'pending';
    NEW.status_reason := NULL;
    NEW.processed_at := NULL;
    NEW.order_id := NULL;
    NEW.attempts := 0;
    NEW.created_at := clock_timestamp();
    IF NEW.time_in_force = 'gtd' AND NEW.expires_at <= NEW.created_at THEN
        RAISE EXCEPTION 'expires_at % is not in the future', NEW.expires_at
            USING ERRCODE = 'check_violation', CONSTRAINT = 'trading_decisions_expiry_in_future';
    END IF;
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION trading_decisions_before_insert() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_decisions_before_insert() TO PUBLIC, trading_orchestrator;

-- One notification per inserting statement; PostgreSQL folds identical payloads within a transaction, so a
-- transaction that inserts 10,000 rows in 100 statements still sends exactly one.
CREATE OR REPLACE FUNCTION trading_decisions_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('trading_decisions', '');
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION trading_decisions_notify() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_decisions_notify() TO PUBLIC, trading_orchestrator;

-- Decisions for an archive are refused at INSERT, like any malformed row (one check per statement, not per row).
-- SECURITY DEFINER: agents insert decisions but may not read accounts. A function's search_path decides which
-- `accounts` it reads; pg_temp last, so no temporary object shadows anything.
CREATE OR REPLACE FUNCTION trading_decisions_refuse_archives() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    archive accounts%ROWTYPE;
BEGIN
    SELECT a.* INTO archive FROM accounts a WHERE a.archived_of IS NOT NULL AND a.account IN (SELECT i.account FROM inserted i) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'account % is the read-only archive of epoch % of %: decisions go to %',
                        archive.account, archive.epoch, archive.archived_of, archive.archived_of
            USING ERRCODE = 'check_violation', CONSTRAINT = 'trading_decisions_account_live';
    END IF;
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION trading_decisions_refuse_archives() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_decisions_refuse_archives() TO PUBLIC;

-- Every statement that writes quotes wakes the orchestrator, whoever writes them (the feeds, a replay, a person with
-- psql), so working orders meet each new quote batch at once rather than on the poll tick. Statement level: one
-- notification per INSERT or COPY, folded by PostgreSQL within a transaction. (The feeds' QuoteIngestor also sends a
-- throttled notification naming the symbols it wrote, for listeners that want them.)
CREATE OR REPLACE FUNCTION market_prices_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('market_prices', '');
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION market_prices_notify() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION market_prices_notify() TO PUBLIC;

CREATE OR REPLACE FUNCTION market_prices_refuse_future() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'quote time % is more than 5 seconds ahead of the database clock (%)', NEW.time, pg_catalog.clock_timestamp()
        USING ERRCODE = 'check_violation', CONSTRAINT = 'market_prices_time_not_future', TABLE = 'market_prices', COLUMN = 'time',
              HINT = 'Stamp quotes with the exchange''s event time or the feed''s clock, kept in sync with NTP.';
END;
$$;
REVOKE ALL ON FUNCTION market_prices_refuse_future() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION market_prices_refuse_future() TO PUBLIC;

-- Like decisions: whatever the client sends, a request starts pending, stamped by the database clock, and wakes the
-- orchestrator on the decisions channel.
CREATE OR REPLACE FUNCTION paper_cancel_requests_before_insert() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.status := 'pending';
    NEW.outcome := NULL;
    NEW.processed_at := NULL;
    NEW.requested_at := clock_timestamp();
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION paper_cancel_requests_before_insert() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION paper_cancel_requests_before_insert() TO PUBLIC;
