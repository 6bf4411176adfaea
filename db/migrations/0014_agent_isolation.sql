-- 0014: per-agent isolation (issue 17): account grants per role, row-level security on every account's rows, the login recorded on decisions and bound to risk limits.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
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
-- TimescaleDB refuses row-level security on a hypertable whose columnstore is on ("operation not supported on
-- hypertables that have columnstore enabled"), and 0002 turns it on for paper_portfolio_snapshots under the Timescale
-- licence. Isolation comes first: the snapshots' columnstore is turned off (its policy removed, any compressed chunk
-- decompressed) and the table stays row-stored. Nothing happens without TimescaleDB or without the columnstore.
DO $columnstore$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN;  -- (the catalogue below exists only with the extension)
    END IF;
    IF EXISTS (SELECT 1 FROM timescaledb_information.hypertables
               WHERE hypertable_schema = current_schema() AND hypertable_name = 'paper_portfolio_snapshots'
                 AND compression_enabled) THEN
        PERFORM remove_compression_policy('paper_portfolio_snapshots', if_exists => true);
        PERFORM decompress_chunk(c, if_compressed => true) FROM show_chunks('paper_portfolio_snapshots') c;
        ALTER TABLE paper_portfolio_snapshots SET (timescaledb.compress = false);
        RAISE NOTICE 'paper_portfolio_snapshots: columnstore turned off (TimescaleDB refuses row-level security with it)';
    END IF;
END
$columnstore$;

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

GRANT SELECT ON accounts, paper_orders, paper_positions, paper_trades, paper_ledger, paper_portfolio_snapshots
    TO trading_agent, trading_reader;
GRANT SELECT ON market_prices, instruments TO trading_reader;
GRANT SELECT (strategy_session_id) ON trading_decisions TO trading_reader;

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
