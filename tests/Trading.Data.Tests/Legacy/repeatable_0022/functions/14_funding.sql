-- Deposits and withdrawals: cash and its ledger entry together.

-- Deposits and withdrawals (0006's function, plus the bounds): an amount, and the cash it leaves, below max_amount().
-- CREATE OR REPLACE resets a function's attributes: it stays SECURITY DEFINER with the pinned path 0011 gave it.
CREATE OR REPLACE FUNCTION fund_account(p_account text, p_amount numeric, p_description text DEFAULT NULL)
    RETURNS numeric
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    new_cash numeric;
BEGIN
    IF p_amount IS NULL OR p_amount = 0 OR NOT (abs(p_amount) < max_amount()) THEN
        RAISE EXCEPTION 'amount must be a non-zero number below % in absolute value, got %', max_amount(), p_amount
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_cash_max';
    END IF;
    PERFORM 1 FROM accounts WHERE account = p_account FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    UPDATE accounts SET cash = cash + round(p_amount, 10) WHERE account = p_account RETURNING cash INTO new_cash;
    IF new_cash < 0 THEN
        RAISE EXCEPTION 'withdrawal of % exceeds the cash of account %', -p_amount, p_account USING ERRCODE = 'check_violation';
    END IF;
    IF new_cash >= max_amount() THEN
        RAISE EXCEPTION 'a deposit of % would take the cash of account % to %, beyond the maximum amount %',
                        p_amount, p_account, new_cash, max_amount()
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_cash_max';
    END IF;
    INSERT INTO paper_ledger (account, time, kind, amount, description)
    VALUES (p_account, clock_timestamp(), CASE WHEN p_amount > 0 THEN 'deposit' ELSE 'withdrawal' END, round(p_amount, 10), p_description);
    RETURN new_cash;
END;
$$;
REVOKE ALL ON FUNCTION fund_account(text,numeric,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION fund_account(text,numeric,text) TO trading_operator, trading_orchestrator;

CREATE OR REPLACE FUNCTION deposit(p_account text, p_amount numeric, p_description text DEFAULT NULL)
    RETURNS numeric LANGUAGE sql AS
$$ SELECT fund_account(p_account, p_amount, p_description) $$;
REVOKE ALL ON FUNCTION deposit(text,numeric,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION deposit(text,numeric,text) TO trading_operator, trading_orchestrator;

CREATE OR REPLACE FUNCTION withdraw(p_account text, p_amount numeric, p_description text DEFAULT NULL)
    RETURNS numeric LANGUAGE sql AS
$$ SELECT fund_account(p_account, -p_amount, p_description) $$;
REVOKE ALL ON FUNCTION withdraw(text,numeric,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION withdraw(text,numeric,text) TO trading_operator, trading_orchestrator;
