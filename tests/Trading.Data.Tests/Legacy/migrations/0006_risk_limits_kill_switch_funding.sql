-- 0006: risk limits as rows (with an append-only change history), the kill switch, and deposits/withdrawals through the ledger.

-- ---------------------------------------------------------------------------------------------------------------
-- Risk limits: per account, optionally narrowed to one agent or one symbol. A decision that would breach one is
-- rejected with the limit's name and figures; a breached loss limit halts the account.
--   max_position_fraction  position value after the order          <= threshold x equity
--   max_gross_exposure     gross exposure after the order          <= threshold x equity
--   max_open_positions     open positions after opening a new one  <= threshold
--   max_order_notional     order notional                          <= threshold
--   max_trades_per_day     orders executed today (UTC) + this one  <= threshold
--   max_daily_loss         day-start equity - equity                <= threshold x day-start equity (first snapshot of the UTC day)
--   max_drawdown           peak equity - equity                     <= threshold x peak equity (snapshots and now)
-- Exactly at the threshold passes; beyond it is refused.
-- ---------------------------------------------------------------------------------------------------------------
-- The highest equity the mark-to-market snapshots have seen: max_drawdown's reference, kept as a column so a batch
-- never scans an account's whole snapshot history.
ALTER TABLE accounts ADD COLUMN peak_equity numeric(28,10);

CREATE TABLE paper_risk_limits (
    limit_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account     text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    kind        text NOT NULL CONSTRAINT paper_risk_limits_kind_known CHECK (kind IN (
                    'max_position_fraction', 'max_gross_exposure', 'max_open_positions', 'max_order_notional',
                    'max_trades_per_day', 'max_daily_loss', 'max_drawdown')),
    threshold   numeric(28,10) NOT NULL CONSTRAINT paper_risk_limits_threshold_positive CHECK (threshold > 0 AND threshold < 'Infinity'),
    agent       text,
    symbol      text REFERENCES instruments (symbol),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT paper_risk_limits_fraction_range
        CHECK (kind NOT IN ('max_position_fraction', 'max_daily_loss', 'max_drawdown') OR threshold <= 1),
    CONSTRAINT paper_risk_limits_count_whole
        CHECK (kind NOT IN ('max_open_positions', 'max_trades_per_day') OR threshold = trunc(threshold)),
    CONSTRAINT paper_risk_limits_loss_account_wide
        CHECK (kind NOT IN ('max_daily_loss', 'max_drawdown') OR (agent IS NULL AND symbol IS NULL)),
    CONSTRAINT paper_risk_limits_one_per_scope UNIQUE NULLS NOT DISTINCT (account, kind, agent, symbol)
);

CREATE TABLE paper_risk_limit_history (
    history_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    limit_id        bigint NOT NULL,
    account         text NOT NULL,
    kind            text NOT NULL,
    agent           text,
    symbol          text,
    operation       text NOT NULL CONSTRAINT paper_risk_limit_history_operation_known CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    old_threshold   numeric(28,10),
    new_threshold   numeric(28,10),
    changed_by      text NOT NULL DEFAULT current_user,
    changed_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION paper_risk_limits_audit() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO paper_risk_limit_history (limit_id, account, kind, agent, symbol, operation, old_threshold)
        VALUES (OLD.limit_id, OLD.account, OLD.kind, OLD.agent, OLD.symbol, TG_OP, OLD.threshold);
        RETURN OLD;
    END IF;
    NEW.updated_at := clock_timestamp();
    INSERT INTO paper_risk_limit_history (limit_id, account, kind, agent, symbol, operation, old_threshold, new_threshold)
    VALUES (NEW.limit_id, NEW.account, NEW.kind, NEW.agent, NEW.symbol, TG_OP,
            CASE WHEN TG_OP = 'UPDATE' THEN OLD.threshold END, NEW.threshold);
    RETURN NEW;
END;
$$;

CREATE TRIGGER paper_risk_limits_audit
    BEFORE INSERT OR UPDATE OR DELETE ON paper_risk_limits
    FOR EACH ROW EXECUTE FUNCTION paper_risk_limits_audit();

-- The history is append-only for everyone, owner included: a trigger refuses changes, not just a missing grant.
CREATE FUNCTION paper_risk_limit_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'paper_risk_limit_history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER paper_risk_limit_history_append_only
    BEFORE UPDATE OR DELETE ON paper_risk_limit_history
    FOR EACH ROW EXECUTE FUNCTION paper_risk_limit_history_append_only();

CREATE TRIGGER paper_risk_limit_history_no_truncate
    BEFORE TRUNCATE ON paper_risk_limit_history
    FOR EACH STATEMENT EXECUTE FUNCTION paper_risk_limit_history_append_only();

-- ---------------------------------------------------------------------------------------------------------------
-- Kill switch: halt the account and flatten it. Flattening is done by the orchestrator executing one CLOSE decision per
-- open position (a halted account rejects every decision except CLOSE), so the exits get real fills, fees and trades.
-- Returns the number of positions being flattened.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION kill_switch(p_account text, p_reason text DEFAULT 'kill switch')
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    flattening integer;
BEGIN
    UPDATE accounts SET halted = true, halt_reason = COALESCE(NULLIF(p_reason, ''), 'kill switch') WHERE account = p_account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    INSERT INTO trading_decisions (account, agent, symbol, decision, confidence, reasoning)
    SELECT p.account, 'kill-switch', p.symbol, 'CLOSE', 1, 'kill switch: ' || COALESCE(NULLIF(p_reason, ''), 'kill switch')
    FROM paper_positions p WHERE p.account = p_account
    ORDER BY p.symbol;
    GET DIAGNOSTICS flattening = ROW_COUNT;
    RETURN flattening;
END;
$$;

CREATE FUNCTION resume_account(p_account text)
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE accounts SET halted = false, halt_reason = NULL WHERE account = p_account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
END;
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Deposits and withdrawals: a ledger entry and the cash change in one statement, under the account's row lock, so
-- cash = initial capital + sum(ledger) keeps holding. A withdrawal may not take cash below zero.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION fund_account(p_account text, p_amount numeric, p_description text DEFAULT NULL)
    RETURNS numeric
    LANGUAGE plpgsql AS
$$
DECLARE
    new_cash numeric;
BEGIN
    IF p_amount IS NULL OR p_amount = 0 OR p_amount = 'NaN' OR abs(p_amount) = 'Infinity' THEN
        RAISE EXCEPTION 'amount must be a non-zero number, got %', p_amount USING ERRCODE = 'check_violation';
    END IF;
    PERFORM 1 FROM accounts WHERE account = p_account FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    UPDATE accounts SET cash = cash + round(p_amount, 10) WHERE account = p_account RETURNING cash INTO new_cash;
    IF new_cash < 0 THEN
        RAISE EXCEPTION 'withdrawal of % exceeds the cash of account %', -p_amount, p_account USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO paper_ledger (account, time, kind, amount, description)
    VALUES (p_account, clock_timestamp(), CASE WHEN p_amount > 0 THEN 'deposit' ELSE 'withdrawal' END, round(p_amount, 10), p_description);
    RETURN new_cash;
END;
$$;

CREATE FUNCTION deposit(p_account text, p_amount numeric, p_description text DEFAULT NULL)
    RETURNS numeric LANGUAGE sql AS
$$ SELECT fund_account(p_account, p_amount, p_description) $$;

CREATE FUNCTION withdraw(p_account text, p_amount numeric, p_description text DEFAULT NULL)
    RETURNS numeric LANGUAGE sql AS
$$ SELECT fund_account(p_account, -p_amount, p_description) $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON paper_risk_limits TO trading_orchestrator;
GRANT SELECT, INSERT ON paper_risk_limit_history TO trading_orchestrator;
GRANT SELECT ON paper_risk_limits, paper_risk_limit_history TO trading_reader, trading_agent;
GRANT EXECUTE ON FUNCTION kill_switch(text, text), resume_account(text), deposit(text, numeric, text),
                          withdraw(text, numeric, text), fund_account(text, numeric, text) TO trading_orchestrator;
