-- Account reset into a new epoch: the archive is read-only, the reset moves the closed epoch's history.

CREATE OR REPLACE FUNCTION accounts_archive_read_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'account % is the read-only archive of epoch % of %', OLD.account, OLD.epoch, OLD.archived_of
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = format('Use the live account %s; the archive only keeps the history of a closed epoch.', OLD.archived_of);
END;
$$;
REVOKE ALL ON FUNCTION accounts_archive_read_only() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION accounts_archive_read_only() TO PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- reset_account: close the current epoch of a live account and start the next one.
--   p_initial_capital  the new epoch's capital (cash starts equal to it); NULL keeps the closed epoch's initial capital
--                      (not its final cash: deposits and profits stay in the archive)
--   p_reason           kept in paper_account_epochs
-- Refused, with nothing changed, when the account has an open position, a pending decision or an active order, is
-- itself an archive, or its archive name is taken (object_not_in_prerequisite_state); unknown account
-- (foreign_key_violation, as kill_switch); a capital that is not positive (check_violation). Everything else carries
-- over as it was: fees, slippage, leverage, seed, latency, risk limits, and a halt (lifted only by resume_account).
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION reset_account(p_account text, p_initial_capital numeric DEFAULT NULL, p_reason text DEFAULT NULL)
    RETURNS TABLE (account text, epoch integer, base_currency text, initial_capital numeric, cash numeric, halted boolean, halt_reason text,
                   archived_as text, archived_epoch integer, archived_initial_capital numeric, archived_net_deposits numeric,
                   archived_final_equity numeric, archived_net_pnl numeric, archived_trades bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
#variable_conflict use_column
DECLARE
    live accounts%ROWTYPE;
    archive accounts%ROWTYPE;
    blocking text;
    closed paper_account_epochs%ROWTYPE;
BEGIN
    IF p_initial_capital IS NOT NULL AND NOT (p_initial_capital > 0 AND p_initial_capital < 1e18) THEN
        RAISE EXCEPTION 'the initial capital must be a positive amount below 10^18, got %', p_initial_capital
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_initial_capital_positive';
    END IF;

    -- FOR UPDATE, not FOR NO KEY UPDATE: it also makes every foreign-key check on the account wait, so no decision,
    -- order or snapshot of the old epoch can be committed between the checks below and the move.
    SELECT a.* INTO live FROM accounts a WHERE a.account = p_account FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF live.archived_of IS NOT NULL THEN
        RAISE EXCEPTION 'account % is the read-only archive of epoch % of %: an archive is never reset', p_account, live.epoch, live.archived_of
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = format('Reset %s to close its current epoch.', live.archived_of);
    END IF;

    SELECT format('%s open position(s) (%s)', count(*), string_agg(p.symbol, ', ' ORDER BY p.symbol)) INTO blocking
    FROM paper_positions p WHERE p.account = p_account HAVING count(*) > 0;
    IF blocking IS NOT NULL THEN
        RAISE EXCEPTION 'account % has %: a reset needs a flat account', p_account, blocking
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Flatten it first: `trading kill-switch --account %s` (SQL: kill_switch), wait for its CLOSE decisions to execute, then reset.', p_account);
    END IF;
    SELECT format('%s pending decision(s) (oldest id %s)', count(*), min(d.id)) INTO blocking
    FROM trading_decisions d WHERE d.account = p_account AND d.status = 'pending' HAVING count(*) > 0;
    IF blocking IS NOT NULL THEN
        RAISE EXCEPTION 'account % has %: a reset never drops a decision', p_account, blocking
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Let the orchestrator process them (`trading run`), then reset.';
    END IF;
    SELECT format('%s pending cancel request(s) (request id %s)', count(*), string_agg(c.request_id::text, ', ' ORDER BY c.request_id)) INTO blocking
    FROM paper_cancel_requests c WHERE c.account = p_account AND c.status = 'pending' HAVING count(*) > 0;
    IF blocking IS NOT NULL THEN
        RAISE EXCEPTION 'account % has %: a reset never drops a request', p_account, blocking
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Let the orchestrator answer them (`trading run`), then reset.';
    END IF;
    SELECT format('%s active order(s) (order id %s)', count(*), string_agg(o.order_id::text, ', ' ORDER BY o.order_id)) INTO blocking
    FROM paper_orders o WHERE o.account = p_account AND o.status IN ('new', 'open', 'partially_filled') HAVING count(*) > 0;
    IF blocking IS NOT NULL THEN
        RAISE EXCEPTION 'account % has %: a reset never drops an order', p_account, blocking
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Cancel them or let them fill or expire, then reset.';
    END IF;

    archive := live;
    archive.account := p_account || '.e' || live.epoch;
    archive.archived_of := p_account;
    archive.halted := true;
    archive.halt_reason := format('archived epoch %s of %s', live.epoch, p_account);
    IF EXISTS (SELECT 1 FROM accounts a WHERE a.account = archive.account) THEN
        RAISE EXCEPTION 'cannot archive epoch % of % as %: an account of that name exists', live.epoch, p_account, archive.account
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Rename or remove the account %s, then reset.', archive.account);
    END IF;
    IF length(archive.account) > 63 THEN
        RAISE EXCEPTION 'cannot archive epoch % of %: the archive name % is longer than 63 characters', live.epoch, p_account, archive.account
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_account_format';
    END IF;

    closed.account := p_account;
    closed.epoch := live.epoch;
    closed.archived_as := archive.account;
    closed.base_currency := live.base_currency;
    closed.started_at := live.epoch_started_at;
    closed.ended_at := clock_timestamp();
    closed.initial_capital := live.initial_capital;
    closed.net_deposits := (SELECT COALESCE(sum(l.amount), 0) FROM paper_ledger l
                            WHERE l.account = p_account AND l.kind IN ('deposit', 'withdrawal'));
    closed.final_equity := live.cash;
    closed.net_pnl := closed.final_equity - closed.initial_capital - closed.net_deposits;
    closed.total_trades := (SELECT COALESCE(sum(s.total_trades), 0) FROM paper_account_stats s WHERE s.account = p_account);
    closed.reason := NULLIF(p_reason, '');
    closed.reset_by := current_user;

    -- The whole row is copied, so a setting added by a later migration is kept without being named here.
    INSERT INTO accounts SELECT (archive).*;

    -- One statement for both: the orders' (account, decision_id) key is checked when the statement ends.
    WITH decisions AS (
        UPDATE trading_decisions d SET account = archive.account WHERE d.account = p_account
    )
    UPDATE paper_orders o SET account = archive.account WHERE o.account = p_account;
    UPDATE paper_fills f SET account = archive.account WHERE f.account = p_account;
    UPDATE paper_cancel_requests c SET account = archive.account WHERE c.account = p_account;
    UPDATE paper_order_marks m SET account = archive.account WHERE m.account = p_account;
    UPDATE paper_trades t SET account = archive.account WHERE t.account = p_account;
    UPDATE paper_ledger l SET account = archive.account WHERE l.account = p_account;
    UPDATE paper_portfolio_snapshots s SET account = archive.account WHERE s.account = p_account;
    UPDATE paper_account_stats s SET account = archive.account WHERE s.account = p_account;
    UPDATE paper_daily_equity d SET account = archive.account WHERE d.account = p_account;

    UPDATE accounts a
    SET epoch = live.epoch + 1,
        epoch_started_at = clock_timestamp(),
        initial_capital = COALESCE(p_initial_capital, live.initial_capital),
        cash = COALESCE(p_initial_capital, live.initial_capital),
        peak_equity = NULL
    WHERE a.account = p_account;

    INSERT INTO paper_account_epochs SELECT (closed).*;

    RETURN QUERY
    SELECT a.account, a.epoch, a.base_currency, a.initial_capital, a.cash, a.halted, a.halt_reason, closed.archived_as, closed.epoch,
           closed.initial_capital, closed.net_deposits, closed.final_equity, closed.net_pnl, closed.total_trades
    FROM accounts a WHERE a.account = p_account;
END;
$$;
REVOKE ALL ON FUNCTION reset_account(text,numeric,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION reset_account(text,numeric,text) TO trading_operator, trading_orchestrator;

-- reset_account sets reset_by itself (to current_user, the owner once it runs as one): stamped here instead, so a
-- reset's record names who reset.
CREATE OR REPLACE FUNCTION paper_account_epochs_stamp() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    NEW.reset_by := trading_acting_role();
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION paper_account_epochs_stamp() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION paper_account_epochs_stamp() TO PUBLIC;
