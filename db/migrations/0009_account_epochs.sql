-- 0009: account reset into a new epoch: the closed epoch's history moves, whole, to a read-only archive account.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- reset_account('alpha') closes epoch N of 'alpha': it inserts the archive account 'alpha.eN' (a copy of the row:
-- same settings, the final cash), moves every history row of the epoch to it, and starts epoch N + 1 on the same
-- 'alpha' row with cash = the stated capital. Decision ids, order ids and times never change, so the archive is the
-- epoch exactly as it was, and the name starts over with an empty book.
--
-- Why rows are moved, not the account renamed (ON UPDATE CASCADE would move them too): a rename changes the key, and
-- an agent's INSERT waiting on the reset then fails with "Key (account)=(alpha) is not present in table accounts"
-- although alpha exists again; risk limits would cascade away (and write audit rows) unless re-pointed. Keeping the
-- live row, the waiting INSERT lands in the new epoch, and whatever is configuration simply stays.
--
-- What happens to each table that references accounts (AccountResetTests checks this list against pg_constraint, so
-- a table added later cannot be forgotten):
--   trading_decisions           moved (so the idempotency keys of the name are free again); refused while one is
--                               pending: a decision is never dropped
--   paper_orders                moved in the same statement as the decisions: (account, decision_id) references
--                               trading_decisions (account, id), checked at the end of that statement; refused while
--                               one is new, open or partially filled
--   paper_fills                 moved
--   paper_cancel_requests       moved (the answered ones are history); refused while one is pending
--   paper_order_marks           moved (how far the closed epoch's orders met the quotes; no order works any more)
--   paper_positions             refused unless empty: flatten first (kill switch)
--   paper_trades                moved
--   paper_ledger                moved: cash = initial capital + ledger holds for the archive and for the new epoch
--   paper_portfolio_snapshots   moved: the new epoch's equity curve starts empty
--   paper_account_stats         moved (aggregates travel with their rows); the new epoch has none until it trades
--   paper_daily_equity          moved
--   paper_risk_limits           stays: limits are the account's configuration, not its history (no audit row written)
--   paper_risk_limit_history    stays (account is plain text there, and the table is append-only)
--   paper_account_epochs (new)  one row per closed epoch; archived_as references the archive. Its `account` is the
--                               live name
--
-- An archive is marked (archived_of = the live name, epoch = the epoch it holds), halted with the reason 'archived
-- epoch N of alpha', and read-only: a trigger refuses any UPDATE or DELETE of its row (so deposit, withdraw, kill
-- switch, resume and settings changes fail with a clear message), and decisions for it are refused at INSERT.
-- The views that list accounts show live accounts only; v_paper_account_epochs lists every epoch, the current one included.
--
-- Locking: the reset holds the live row FOR UPDATE, which every foreign-key check on it (FOR KEY SHARE) waits for.
-- A decision inserted meanwhile waits and then belongs to the new epoch; a batch skips the account (SKIP LOCKED).

-- ---------------------------------------------------------------------------------------------------------------
-- Accounts: the epoch, when it started, and the mark of an archive.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE accounts
    ADD COLUMN epoch integer NOT NULL DEFAULT 1 CONSTRAINT accounts_epoch_positive CHECK (epoch >= 1),
    ADD COLUMN epoch_started_at timestamptz,
    -- The live account this archive was an epoch of. Plain text, like paper_risk_limit_history.account: deleting a
    -- live account (`trading demo --fresh`) leaves its archives as they are.
    ADD COLUMN archived_of text,
    ADD CONSTRAINT accounts_archive_named_by_epoch CHECK (archived_of IS NULL OR account = archived_of || '.e' || epoch),
    ADD CONSTRAINT accounts_archive_halted CHECK (archived_of IS NULL OR halted);

UPDATE accounts SET epoch_started_at = created_at;
ALTER TABLE accounts
    ALTER COLUMN epoch_started_at SET NOT NULL,
    ALTER COLUMN epoch_started_at SET DEFAULT clock_timestamp();

COMMENT ON COLUMN accounts.epoch IS 'The epoch this row holds: the current one for a live account, the closed one for an archive.';
COMMENT ON COLUMN accounts.epoch_started_at IS 'When the epoch began (created_at stays the account''s creation).';
COMMENT ON COLUMN accounts.archived_of IS 'Set on an archive (<account>.e<epoch>): the live account whose closed epoch it holds.';

-- WHEN keeps the cost off live accounts: the batch's cash update never enters the function.
CREATE TRIGGER accounts_archive_read_only
    BEFORE UPDATE OR DELETE ON accounts
    FOR EACH ROW WHEN (OLD.archived_of IS NOT NULL) EXECUTE FUNCTION accounts_archive_read_only();

CREATE TRIGGER trading_decisions_refuse_archives
    AFTER INSERT ON trading_decisions
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION trading_decisions_refuse_archives();

-- ---------------------------------------------------------------------------------------------------------------
-- The record of every closed epoch.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE paper_account_epochs (
    account         text NOT NULL,
    epoch           integer NOT NULL,
    archived_as     text NOT NULL CONSTRAINT paper_account_epochs_archive_unique UNIQUE REFERENCES accounts (account),
    base_currency   text NOT NULL,
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz NOT NULL,
    initial_capital numeric(28,10) NOT NULL,
    net_deposits    numeric(28,10) NOT NULL,
    -- A reset needs a flat account, so the final equity is the final cash.
    final_equity    numeric(28,10) NOT NULL,
    net_pnl         numeric(28,10) NOT NULL,
    total_trades    bigint NOT NULL,
    reason          text,
    reset_by        text NOT NULL DEFAULT current_user,
    CONSTRAINT paper_account_epochs_pkey PRIMARY KEY (account, epoch),
    CONSTRAINT paper_account_epochs_pnl CHECK (net_pnl = final_equity - initial_capital - net_deposits)
);

COMMENT ON TABLE paper_account_epochs IS
    'One row per closed epoch: its archive account, dates, capital, deposits, final equity and net P&L, and why it was reset.';

-- ---------------------------------------------------------------------------------------------------------------
-- Grants: readers and agents read the epochs; the orchestrator's role resets (agents may not); the record of a reset
-- is never rewritten.
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT ON paper_account_epochs TO trading_reader, trading_agent;
REVOKE UPDATE ON paper_account_epochs FROM trading_orchestrator;
