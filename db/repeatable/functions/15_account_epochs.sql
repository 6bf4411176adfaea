-- Account epochs: every history row carries the epoch it belongs to (0026); a reset ends the current one in place.

-- The epoch of a history row inserted without one: its account's current epoch. FOR KEY SHARE is the lock the row's
-- foreign key takes anyway: an insert that meets a reset in flight waits for it and lands in the new epoch. Runs as the
-- owner, so an agent's decision or cancel request gets the epoch of an account row its policies may not show it.
CREATE OR REPLACE FUNCTION trading_fill_epoch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    SELECT a.epoch INTO NEW.epoch FROM accounts a WHERE a.account = NEW.account FOR KEY SHARE;
    IF NOT FOUND THEN
        NEW.epoch := 1;  -- an unknown account: the foreign key, not NOT NULL, then names the account
    END IF;
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION trading_fill_epoch() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_fill_epoch() TO PUBLIC;

-- Named by migration 0009's trigger, which 0026 dropped with the archives: kept so a fresh database replays 0009.
CREATE OR REPLACE FUNCTION accounts_archive_read_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION accounts_archive_read_only() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;

-- ---------------------------------------------------------------------------------------------------------------
-- reset_account: close the current epoch of an account and start the next one. No row moves: the closed epoch's rows
-- keep their epoch, paper_account_epochs records its figures, accounts.epoch goes up by one.
--   p_initial_capital  the new epoch's capital (cash starts equal to it); NULL keeps the closed epoch's initial capital
--                      (not its final cash: deposits and profits stay with the closed epoch)
--   p_reason           kept in paper_account_epochs
-- The result keeps its shape: archived_as is NULL (there is no archive account any more; the closed epoch is
-- (account, archived_epoch)).
-- Refused, with nothing changed, when the account has an open position, a pending decision or cancel request, an
-- active order or a running strategy session (object_not_in_prerequisite_state); unknown account
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
    blocking text;
    closed paper_account_epochs%ROWTYPE;
    -- One instant for the end of an epoch and the start of the next; a value, not clock_timestamp() in the UPDATE
    -- (Citus refuses volatile functions in UPDATEs of distributed tables).
    v_now timestamptz;
BEGIN
    IF p_initial_capital IS NOT NULL AND NOT (p_initial_capital > 0 AND p_initial_capital < 1e18) THEN
        RAISE EXCEPTION 'the initial capital must be a positive amount below 10^18, got %', p_initial_capital
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_initial_capital_positive';
    END IF;

    -- FOR UPDATE, not FOR NO KEY UPDATE: it also makes every foreign-key check (and trading_fill_epoch) on the account
    -- wait, so no decision, order or snapshot of the old epoch can be committed between the checks below and the end.
    SELECT a.* INTO live FROM accounts a WHERE a.account = p_account FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
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

    v_now := clock_timestamp();
    closed.account := p_account;
    closed.epoch := live.epoch;
    closed.base_currency := live.base_currency;
    closed.started_at := live.epoch_started_at;
    closed.ended_at := v_now;
    closed.initial_capital := live.initial_capital;
    closed.net_deposits := (SELECT COALESCE(sum(l.amount), 0) FROM paper_ledger l
                            WHERE l.account = p_account AND l.epoch = live.epoch AND l.kind IN ('deposit', 'withdrawal'));
    closed.final_equity := live.cash;
    closed.net_pnl := closed.final_equity - closed.initial_capital - closed.net_deposits;
    closed.total_trades := (SELECT COALESCE(sum(s.total_trades), 0) FROM paper_account_stats s
                            WHERE s.account = p_account AND s.epoch = live.epoch);
    closed.reason := NULLIF(p_reason, '');
    closed.reset_by := current_user;

    UPDATE accounts a
    SET epoch = live.epoch + 1,
        epoch_started_at = v_now,
        initial_capital = COALESCE(p_initial_capital, live.initial_capital),
        cash = COALESCE(p_initial_capital, live.initial_capital),
        peak_equity = NULL
    WHERE a.account = p_account;

    INSERT INTO paper_account_epochs SELECT (closed).*;

    RETURN QUERY
    SELECT a.account, a.epoch, a.base_currency, a.initial_capital, a.cash, a.halted, a.halt_reason, NULL::text, closed.epoch,
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
