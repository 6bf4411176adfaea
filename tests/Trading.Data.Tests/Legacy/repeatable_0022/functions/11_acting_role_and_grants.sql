-- Who acts and for which accounts: the acting role (audit defaults), the account grants behind row-level security
-- (0014's policies call trading_granted_accounts), and the triggers that stamp the login and refuse an ungranted account.

-- ---------------------------------------------------------------------------------------------------------------
-- Who acted. Inside a SECURITY DEFINER function current_user is the owner, so the audit columns written there take
-- the role the session acts as: SET ROLE's role, else the login.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION trading_acting_role() RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS
$$ SELECT CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END $$;
REVOKE ALL ON FUNCTION trading_acting_role() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_acting_role() TO PUBLIC;

-- The accounts p_role (default: the caller) may use for p_right: 'read' (can_read), 'trade' (can_trade) or 'any' (either).
-- '*' is returned as is: callers test ARRAY[account, '*'] && scope. Invoker rights: inside the owner's functions it sees
-- every grant; called by anyone else, account_grants' own policy limits it to the caller's roles' grants.
CREATE OR REPLACE FUNCTION trading_granted_accounts(p_right text, p_role text DEFAULT current_user) RETURNS text[]
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
REVOKE ALL ON FUNCTION trading_granted_accounts(text,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_granted_accounts(text,text) TO PUBLIC;

-- Roles that act for every account without a grant: the services, the owner of the schema, superusers and BYPASSRLS.
CREATE OR REPLACE FUNCTION trading_acts_for_all(p_role text) RETURNS boolean
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    RETURN EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = p_role AND (r.rolsuper OR r.rolbypassrls))
        OR pg_has_role(p_role, 'trading_orchestrator', 'MEMBER')
        OR pg_has_role(p_role, 'trading_operator', 'MEMBER')
        OR pg_has_role(p_role, (SELECT c.relowner FROM pg_class c WHERE c.oid = 'public.account_grants'::regclass), 'MEMBER');
END;
$$;
REVOKE ALL ON FUNCTION trading_acts_for_all(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_acts_for_all(text) TO PUBLIC;

-- Raises insufficient_privilege naming the role and the account unless p_role may use p_account for p_right.
CREATE OR REPLACE FUNCTION trading_require_grant(p_right text, p_account text, p_role text) RETURNS void
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
REVOKE ALL ON FUNCTION trading_require_grant(text,text,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_require_grant(text,text,text) TO PUBLIC;

CREATE OR REPLACE FUNCTION grant_account(p_role text, p_account text, p_can_trade boolean DEFAULT true, p_can_read boolean DEFAULT true)
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
REVOKE ALL ON FUNCTION grant_account(text,text,boolean,boolean) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION grant_account(text,text,boolean,boolean) TO trading_operator;

-- True when a grant was removed.
CREATE OR REPLACE FUNCTION revoke_account(p_role text, p_account text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    DELETE FROM account_grants g
    WHERE g.role = (SELECT r.oid FROM pg_roles r WHERE r.rolname = p_role) AND g.account = p_account;
    RETURN FOUND;
END;
$$;
REVOKE ALL ON FUNCTION revoke_account(text,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION revoke_account(text,text) TO trading_operator;

CREATE OR REPLACE FUNCTION trading_stamp_login_and_grant() RETURNS trigger
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
REVOKE ALL ON FUNCTION trading_stamp_login_and_grant() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION trading_stamp_login_and_grant() TO PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- Strategy sessions: start_strategy and stop_strategy run as the owner, so the check names the acting role.
-- The runner (the orchestrator) advances and fails sessions: it acts for all accounts.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION strategy_sessions_require_grant() RETURNS trigger
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
REVOKE ALL ON FUNCTION strategy_sessions_require_grant() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION strategy_sessions_require_grant() TO PUBLIC;
