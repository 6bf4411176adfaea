-- Per-login connection limits for agent and reader logins (0011 applies them once; `trading check` names the rest).

-- ---------------------------------------------------------------------------------------------------------------
-- Connection limits per login. PostgreSQL counts a CONNECTION LIMIT per role that logs in, never per group, and
-- keeps no slots for non-superusers: idle agent sessions alone could take every slot the orchestrator needs.
-- default_connection_limits gives every agent or reader login that has none the stated limit (needs CREATEROLE) and
-- returns the logins it changed; `trading check` names logins still without one. New logins:
--   CREATE ROLE alice LOGIN PASSWORD '...' CONNECTION LIMIT 5 IN ROLE trading_agent;
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION default_connection_limits(p_limit integer DEFAULT 5)
    RETURNS SETOF text
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    login text;
BEGIN
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'the connection limit must be at least 1, got %', p_limit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR login IN
        SELECT r.rolname FROM pg_roles r
        WHERE r.rolcanlogin AND NOT r.rolsuper AND r.rolconnlimit = -1 AND r.rolname <> current_user
          AND (pg_has_role(r.oid, 'trading_agent', 'MEMBER') OR pg_has_role(r.oid, 'trading_reader', 'MEMBER'))
        ORDER BY r.rolname
    LOOP
        EXECUTE format('ALTER ROLE %I CONNECTION LIMIT %s', login, p_limit);
        RETURN NEXT login;
    END LOOP;
END;
$$;
REVOKE ALL ON FUNCTION default_connection_limits(integer) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
