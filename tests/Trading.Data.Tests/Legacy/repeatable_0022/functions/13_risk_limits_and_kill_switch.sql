-- Risk limits' audit and append-only history; the kill switch and resume.
--
-- Functions that write what their callers may not write directly run as the owner (SECURITY DEFINER, with the
-- search_path pinned to pg_catalog, public, pg_temp: SecurityDefinerTests holds every such function to it):
--   paper_risk_limits_audit  the only writer of paper_risk_limit_history
--   reset_account            moves a closed epoch's fills, trades and ledger (nobody else may update them; 15_account_epochs)
--   kill_switch              halts, cancels working orders and queues CLOSE decisions (an operator writes none of these)
--   resume_account           lifts a halt
--   fund_account             cash and its ledger entry together (deposit and withdraw call it; 14_funding)
-- They act on any account: only the orchestrator and operator roles may execute them (PUBLIC's EXECUTE is revoked),
-- and both act for every account. Per-account rights for agents are data (account_grants), not these functions'.

-- 0006's audit, plus the login scope. CREATE OR REPLACE resets attributes: SECURITY DEFINER and the path are restated.
CREATE OR REPLACE FUNCTION paper_risk_limits_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO paper_risk_limit_history (limit_id, account, kind, agent, login, symbol, operation, old_threshold)
        VALUES (OLD.limit_id, OLD.account, OLD.kind, OLD.agent, OLD.login, OLD.symbol, TG_OP, OLD.threshold);
        RETURN OLD;
    END IF;
    NEW.updated_at := clock_timestamp();
    INSERT INTO paper_risk_limit_history (limit_id, account, kind, agent, login, symbol, operation, old_threshold, new_threshold)
    VALUES (NEW.limit_id, NEW.account, NEW.kind, NEW.agent, NEW.login, NEW.symbol, TG_OP,
            CASE WHEN TG_OP = 'UPDATE' THEN OLD.threshold END, NEW.threshold);
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION paper_risk_limits_audit() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION paper_risk_limits_audit() TO PUBLIC;

-- The history is append-only for everyone, owner included: a trigger refuses changes, not just a missing grant.
CREATE OR REPLACE FUNCTION paper_risk_limit_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'paper_risk_limit_history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
REVOKE ALL ON FUNCTION paper_risk_limit_history_append_only() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION paper_risk_limit_history_append_only() TO PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- The kill switch also cancels every working order (in the same transaction that halts the account), so no resting
-- entry can reopen what the CLOSE decisions flatten.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION kill_switch(p_account text, p_reason text DEFAULT 'kill switch')
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    why        text := COALESCE(NULLIF(p_reason, ''), 'kill switch');
    flattening integer;
BEGIN
    UPDATE accounts SET halted = true, halt_reason = why WHERE account = p_account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    UPDATE paper_orders
    SET status = 'canceled', reason = 'kill switch: ' || why, updated_at = clock_timestamp()
    WHERE account = p_account AND status IN ('open', 'partially_filled');
    INSERT INTO trading_decisions (account, agent, symbol, decision, confidence, reasoning)
    SELECT p.account, 'kill-switch', p.symbol, 'CLOSE', 1, 'kill switch: ' || why
    FROM paper_positions p WHERE p.account = p_account
    ORDER BY p.symbol;
    GET DIAGNOSTICS flattening = ROW_COUNT;
    RETURN flattening;
END;
$$;
REVOKE ALL ON FUNCTION kill_switch(text,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION kill_switch(text,text) TO trading_operator, trading_orchestrator;

CREATE OR REPLACE FUNCTION resume_account(p_account text)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    UPDATE accounts SET halted = false, halt_reason = NULL WHERE account = p_account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
END;
$$;
REVOKE ALL ON FUNCTION resume_account(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION resume_account(text) TO trading_operator, trading_orchestrator;
