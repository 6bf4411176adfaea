-- 0014: per-agent isolation (issue 17): account grants per role, row-level security on every account's rows, the login recorded on decisions and bound to risk limits.
--
-- Before this, any trading_agent login inserted decisions for any account and read every account's decisions (with
-- their reasoning), positions, trades and orders, and a per-agent risk limit matched free text the agent wrote itself.
--   1. account_grants: which role may trade and/or read which account ('*': every account). A grant to a group role
--      applies to its members (pg_has_role ... 'MEMBER'), so a grant to trading_agent is every agent's and a grant to
--      alice is alice's. Written by grant_account / revoke_account only (owner and trading_operator).
--   2. Row-level security on every table that carries an account. trading_orchestrator and trading_operator see and
--      write every row through a policy whose condition is the constant true (the planner drops it: no per-row cost);
--      the owner and superusers are not subject to RLS at all (no FORCE). Everyone else sees the rows of the accounts
--      granted to a role it is a member of: the scope is computed once per statement (an initplan), then compared per row.
--   3. The views over account rows run as the caller (security_invoker), so the policies of the tables beneath apply to
--      agents and readers; agents and readers may SELECT those tables (their own rows only) because such a view needs it.
--   4. A refused INSERT names the role and the account: a BEFORE INSERT trigger raises insufficient_privilege before
--      the policy's WITH CHECK would raise its anonymous "new row violates row-level security policy". The policy
--      stays as the boundary of record (a trigger is skipped under session_replication_role = replica; a policy is not).
--   5. The login (session_user: SET ROLE cannot change it) is stamped on every decision and cancel request, and risk
--      limits gain a login scope matched against it. The free-text agent scope still works but is only a label.
--   6. Strategy sessions: starting or stopping one needs a trade grant on its account (a trigger on strategy_sessions,
--      so start_strategy, stop_strategy and any later path are all covered).

-- ---------------------------------------------------------------------------------------------------------------
-- Grants. regrole, not a name: a dropped role's grants do not pass to a new role that reuses the name.
-- can_trade without can_read is a blind writer: it sees the decisions and cancel requests of the account (their
-- outcome, what INSERT ... RETURNING needs) and nothing else of it.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE account_grants (
    role        regrole NOT NULL,
    account     text NOT NULL CONSTRAINT account_grants_account_length CHECK (length(account) BETWEEN 1 AND 200),
    can_trade   boolean NOT NULL,
    can_read    boolean NOT NULL,
    granted_by  text NOT NULL DEFAULT trading_acting_role(),
    granted_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT account_grants_pkey PRIMARY KEY (role, account),
    CONSTRAINT account_grants_some_right CHECK (can_trade OR can_read)
);

COMMENT ON TABLE account_grants IS
    'Which role may trade and/or read which account (''*'': all). A grant to a group role applies to its members.';

-- The accounts p_role (default: the caller) may use for p_right: 'read' (can_read), 'trade' (can_trade) or 'any' (either).
-- '*' is returned as is: callers test ARRAY[account, '*'] && scope. Invoker rights: inside the owner's functions it sees
-- every grant; called by anyone else, account_grants' own policy limits it to the caller's roles' grants.
CREATE FUNCTION trading_granted_accounts(p_right text, p_role text DEFAULT current_user) RETURNS text[]
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF p_right IS NULL OR p_right NOT IN ('read', 'trade', 'any') THEN
        RAISE EXCEPTION 'the right must be read, trade or any, got %', coalesce(p_right, 'none') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN ARRAY(
        SELECT DISTINCT g.account
        FROM account_grants g
        JOIN pg_roles r ON r.oid = g.role
        WHERE pg_has_role(p_role, r.oid, 'MEMBER')
          AND CASE p_right WHEN 'read' THEN g.can_read WHEN 'trade' THEN g.can_trade ELSE true END);
END;
$$;

-- Roles that act for every account without a grant: the services, the owner of the schema, superusers and BYPASSRLS.
CREATE FUNCTION trading_acts_for_all(p_role text) RETURNS boolean
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    RETURN EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = p_role AND (r.rolsuper OR r.rolbypassrls))
        OR pg_has_role(p_role, 'trading_orchestrator', 'MEMBER')
        OR pg_has_role(p_role, 'trading_operator', 'MEMBER')
        OR pg_has_role(p_role, (SELECT c.relowner FROM pg_class c WHERE c.oid = 'public.account_grants'::regclass), 'MEMBER');
END;
$$;

-- Raises insufficient_privilege naming the role and the account unless p_role may use p_account for p_right.
CREATE FUNCTION trading_require_grant(p_right text, p_account text, p_role text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF NOT trading_acts_for_all(p_role) AND NOT ARRAY[p_account, '*'] && trading_granted_accounts(p_right, p_role) THEN
        RAISE EXCEPTION 'role % may not % account %', p_role, p_right, p_account
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('The owner or an operator grants it: trading agents grant %s %s', p_role, p_account);
    END IF;
END;
$$;

CREATE FUNCTION grant_account(p_role text, p_account text, p_can_trade boolean DEFAULT true, p_can_read boolean DEFAULT true)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    v_role oid;
BEGIN
    -- An exact name: regrole's input would fold 'Alice' to alice and grant someone else.
    SELECT r.oid INTO v_role FROM pg_roles r WHERE r.rolname = p_role;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % does not exist', coalesce(p_role, 'none') USING ERRCODE = 'undefined_object';
    END IF;
    INSERT INTO account_grants AS g (role, account, can_trade, can_read)
    VALUES (v_role::regrole, p_account, coalesce(p_can_trade, false), coalesce(p_can_read, false))
    ON CONFLICT (role, account) DO UPDATE
    SET can_trade = EXCLUDED.can_trade, can_read = EXCLUDED.can_read,
        granted_by = trading_acting_role(), granted_at = clock_timestamp();
END;
$$;

-- True when a grant was removed.
CREATE FUNCTION revoke_account(p_role text, p_account text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    DELETE FROM account_grants g
    WHERE g.role = (SELECT r.oid FROM pg_roles r WHERE r.rolname = p_role) AND g.account = p_account;
    RETURN FOUND;
END;
$$;

REVOKE EXECUTE ON FUNCTION grant_account(text, text, boolean, boolean), revoke_account(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grant_account(text, text, boolean, boolean), revoke_account(text, text) TO trading_operator;

-- Everyone may read the grants of the roles it belongs to (an agent asks which accounts it has); services read all.
ALTER TABLE account_grants ENABLE ROW LEVEL SECURITY;
CREATE POLICY account_grants_services ON account_grants TO trading_orchestrator, trading_operator USING (true) WITH CHECK (true);
CREATE POLICY account_grants_own ON account_grants FOR SELECT TO PUBLIC
    USING (EXISTS (SELECT 1 FROM pg_roles r WHERE r.oid = role AND pg_has_role(current_user, r.oid, 'MEMBER')));
GRANT SELECT ON account_grants TO PUBLIC;

-- Dashboards log in as members of pg_read_all_data (infrastructure/docker/db-init/grafana-reader.sql): that role reads
-- all data by definition, so it keeps reading every account. trading_reader and trading_agent get nothing by default.
SELECT grant_account('pg_read_all_data', '*', false, true);

-- ---------------------------------------------------------------------------------------------------------------
-- Who inserted: the login, stamped by the database (agents have no INSERT right on the column, and the trigger
-- overwrites it for everyone else). Rows from before this migration have none.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE trading_decisions ADD COLUMN login text;
ALTER TABLE paper_cancel_requests ADD COLUMN login text;
COMMENT ON COLUMN trading_decisions.login IS 'The login that inserted the decision (session_user), set by the database; per-login risk limits match it.';

CREATE FUNCTION trading_stamp_login_and_grant() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    NEW.login := session_user;
    -- Not subject to RLS (the owner's functions, which check themselves; superusers): nothing to check.
    IF row_security_active(TG_RELID) THEN
        PERFORM trading_require_grant('trade', NEW.account, current_user);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER trading_decisions_grant
    BEFORE INSERT ON trading_decisions
    FOR EACH ROW EXECUTE FUNCTION trading_stamp_login_and_grant();
CREATE TRIGGER paper_cancel_requests_grant
    BEFORE INSERT ON paper_cancel_requests
    FOR EACH ROW EXECUTE FUNCTION trading_stamp_login_and_grant();

-- ---------------------------------------------------------------------------------------------------------------
-- Row-level security on every table with an account column. Decisions and cancel requests: insert for tradable
-- accounts, read for readable or tradable ones; everything else: read for readable ones. The meta-test
-- (AgentIsolationTests) fails for a later table with an account column and no RLS.
-- ---------------------------------------------------------------------------------------------------------------
DO $rls$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['accounts', 'trading_decisions', 'paper_cancel_requests', 'paper_orders', 'paper_order_marks',
                             'paper_fills', 'paper_positions', 'paper_trades', 'paper_ledger', 'paper_portfolio_snapshots',
                             'paper_account_stats', 'paper_daily_equity', 'paper_risk_limits', 'paper_risk_limit_history',
                             'paper_account_epochs', 'strategy_sessions']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I TO trading_orchestrator, trading_operator USING (true) WITH CHECK (true)',
                       t || '_services', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO PUBLIC USING (ARRAY[account, ''*''] && (SELECT trading_granted_accounts(%L)))',
                       t || '_granted_read', t,
                       CASE WHEN t IN ('trading_decisions', 'paper_cancel_requests') THEN 'any' ELSE 'read' END);
    END LOOP;
END
$rls$;

CREATE POLICY trading_decisions_granted_trade ON trading_decisions FOR INSERT TO PUBLIC
    WITH CHECK (ARRAY[account, '*'] && (SELECT trading_granted_accounts('trade')));
CREATE POLICY paper_cancel_requests_granted_trade ON paper_cancel_requests FOR INSERT TO PUBLIC
    WITH CHECK (ARRAY[account, '*'] && (SELECT trading_granted_accounts('trade')));

-- ---------------------------------------------------------------------------------------------------------------
-- The views run as the caller, so the policies above apply through them; callers need SELECT on what they read.
-- Market data is shared by every account: readers read it too (v_paper_open_positions marks positions with it).
-- Readers see decisions only as v_strategy_sessions counts them (one column), not their content.
-- ---------------------------------------------------------------------------------------------------------------
ALTER VIEW v_paper_portfolio_overview SET (security_invoker = true);
ALTER VIEW v_paper_open_positions SET (security_invoker = true);
ALTER VIEW v_paper_recent_trades SET (security_invoker = true);
ALTER VIEW v_paper_performance_metrics SET (security_invoker = true);
ALTER VIEW v_paper_daily_pnl SET (security_invoker = true);
ALTER VIEW v_paper_equity_curve SET (security_invoker = true);
ALTER VIEW v_paper_open_orders SET (security_invoker = true);
ALTER VIEW v_paper_account_epochs SET (security_invoker = true);
ALTER VIEW v_strategy_sessions SET (security_invoker = true);
ALTER VIEW paper_trading_config SET (security_invoker = true);

GRANT SELECT ON accounts, paper_orders, paper_positions, paper_trades, paper_ledger, paper_portfolio_snapshots
    TO trading_agent, trading_reader;
GRANT SELECT ON market_prices, instruments TO trading_reader;
GRANT SELECT (strategy_session_id) ON trading_decisions TO trading_reader;

-- ---------------------------------------------------------------------------------------------------------------
-- Strategy sessions: start_strategy and stop_strategy run as the owner, so the check names the acting role.
-- The runner (the orchestrator) advances and fails sessions: it acts for all accounts.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION strategy_sessions_require_grant() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    acting text := trading_acting_role();
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM trading_require_grant('trade', NEW.account, acting);
    ELSIF NEW.status IS DISTINCT FROM OLD.status AND NOT trading_acts_for_all(acting)
          AND NOT ARRAY[OLD.account, '*'] && trading_granted_accounts('trade', acting) THEN
        -- Not naming the account: the caller named a session id, and another account's name is not its to learn.
        RAISE EXCEPTION 'role % may not stop strategy session %: its account is not granted to it', acting, OLD.session_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER strategy_sessions_require_grant
    BEFORE INSERT OR UPDATE ON strategy_sessions
    FOR EACH ROW EXECUTE FUNCTION strategy_sessions_require_grant();

-- ---------------------------------------------------------------------------------------------------------------
-- Risk limits scoped to a login: matched against trading_decisions.login, which the agent cannot write. The agent
-- scope (0006) stays for labels; only the login scope is a security boundary.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE paper_risk_limits ADD COLUMN login text CONSTRAINT paper_risk_limits_login_length CHECK (length(login) BETWEEN 1 AND 63);
ALTER TABLE paper_risk_limit_history ADD COLUMN login text;
ALTER TABLE paper_risk_limits DROP CONSTRAINT paper_risk_limits_one_per_scope;
ALTER TABLE paper_risk_limits ADD CONSTRAINT paper_risk_limits_one_per_scope UNIQUE NULLS NOT DISTINCT (account, kind, agent, login, symbol);
ALTER TABLE paper_risk_limits ADD CONSTRAINT paper_risk_limits_loss_login_wide CHECK (kind NOT IN ('max_daily_loss', 'max_drawdown') OR login IS NULL);

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
