-- 0026: an account's epoch is a column of its history, not another account: a reset moves no row (issue 16).
--
-- Until now reset_account('alpha') (0009) moved every history row of the closed epoch N to the archive account
-- 'alpha.eN'. On Citus (accounts distributed by `account`) that moves rows between shards, which Citus refuses, and the
-- archive's keys pointed at another shard. From here on every history table carries the epoch its row belongs to, a
-- reset ends the epoch in place (paper_account_epochs row, accounts.epoch + 1), and the views join accounts on
-- (account, epoch) to show the current one.
--
-- The tables that get `epoch` are the ones a reset used to move: trading_decisions, paper_orders, paper_fills,
-- paper_cancel_requests, paper_trades, paper_ledger, paper_portfolio_snapshots, paper_account_stats,
-- paper_daily_equity, strategy_sessions. Not paper_order_marks: it is working state (how far the working orders met
-- the quotes), like paper_positions, and a reset needs no working order; the archives' marks are dropped.
--
-- Existing rows: a live account's rows get its current epoch; a row under the archive 'x.eN' moves back once to 'x'
-- with epoch N (the only time rows change account), then the archive rows of `accounts` are deleted. An archive whose
-- live account was deleted since (`trading demo --fresh` left archives alone) gives its rows back to a re-created
-- account of that name, a halted copy of its newest archive in the epoch after it.
--
-- Keys that must tell epochs apart gain it after `account` (Citus: the distribution column first): the aggregates
-- (one row per account and epoch, per account, epoch and day) and the snapshots (a new epoch's first snapshot may fall
-- in the closed epoch's last bucket). Idempotency keys stay unique per account across epochs: a key names one decision
-- of the account for good (before, a reset freed the name's keys by moving them to the archive).
--
-- Writers set the epoch: the orchestrator's batch from the epoch of the account it locked, the aggregate functions from
-- their arguments; a row inserted without one (decisions and cancel requests from agents, the funding and kill-switch
-- functions, hand-made SQL) takes its account's current epoch in a BEFORE INSERT row trigger that reads the account's
-- row with FOR KEY SHARE: the lock its foreign key takes anyway, so an insert waiting on a reset lands in the new epoch.

-- ---------------------------------------------------------------------------------------------------------------
-- The column. DEFAULT 1 fills existing rows without rewriting the tables (most accounts never reset); dropped below.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE trading_decisions ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_orders ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_fills ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_cancel_requests ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_trades ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_ledger ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_portfolio_snapshots ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_account_stats ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE paper_daily_equity ADD COLUMN epoch integer NOT NULL DEFAULT 1;
ALTER TABLE strategy_sessions ADD COLUMN epoch integer NOT NULL DEFAULT 1;

-- ---------------------------------------------------------------------------------------------------------------
-- Orphaned archives first: their live account comes back (halted) so their rows have an account to return to.
-- ---------------------------------------------------------------------------------------------------------------
INSERT INTO accounts
SELECT (jsonb_populate_record(newest.r, jsonb_build_object(
           'account', (newest.r).archived_of, 'archived_of', NULL, 'epoch', (newest.r).epoch + 1,
           'epoch_started_at', clock_timestamp(), 'cash', (newest.r).initial_capital, 'peak_equity', NULL))).*
FROM (
    SELECT DISTINCT ON (a.archived_of) a AS r
    FROM accounts a
    WHERE a.archived_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts l WHERE l.account = a.archived_of)
    ORDER BY a.archived_of, a.epoch DESC
) newest;

-- ---------------------------------------------------------------------------------------------------------------
-- Every row's epoch: its account's (an archive's epoch is the closed one it holds).
-- ---------------------------------------------------------------------------------------------------------------
UPDATE trading_decisions t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_orders t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_fills t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_cancel_requests t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_trades t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_ledger t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_portfolio_snapshots t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_account_stats t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE paper_daily_equity t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;
UPDATE strategy_sessions t SET epoch = a.epoch FROM accounts a WHERE a.account = t.account AND a.epoch <> 1;

ALTER TABLE trading_decisions ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_orders ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_fills ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_cancel_requests ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_trades ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_ledger ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_portfolio_snapshots ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_account_stats ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE paper_daily_equity ALTER COLUMN epoch DROP DEFAULT;
ALTER TABLE strategy_sessions ALTER COLUMN epoch DROP DEFAULT;

-- ---------------------------------------------------------------------------------------------------------------
-- Keys that tell epochs apart, before the archives' rows join their live account's.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE paper_account_stats DROP CONSTRAINT paper_account_stats_pkey,
    ADD CONSTRAINT paper_account_stats_pkey PRIMARY KEY (account, epoch);
ALTER TABLE paper_daily_equity DROP CONSTRAINT paper_daily_equity_pkey,
    ADD CONSTRAINT paper_daily_equity_pkey PRIMARY KEY (account, epoch, day);
ALTER TABLE paper_portfolio_snapshots DROP CONSTRAINT paper_portfolio_snapshots_pkey,
    ADD CONSTRAINT paper_portfolio_snapshots_pkey PRIMARY KEY (account, epoch, time);

-- ---------------------------------------------------------------------------------------------------------------
-- The archives' rows back under their live account, once. Decisions and orders in one statement (the orders'
-- (account, decision_id) key and the decisions' (order_id, account) one are checked at its end); the other id keys are
-- checked at commit.
-- ---------------------------------------------------------------------------------------------------------------
SET CONSTRAINTS ALL DEFERRED;

WITH archives AS (
    SELECT account, archived_of FROM accounts WHERE archived_of IS NOT NULL
), decisions AS (
    UPDATE trading_decisions t SET account = x.archived_of FROM archives x WHERE t.account = x.account
)
UPDATE paper_orders t SET account = x.archived_of FROM archives x WHERE t.account = x.account;
UPDATE paper_fills t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
UPDATE paper_cancel_requests t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
UPDATE paper_trades t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
UPDATE paper_ledger t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
UPDATE paper_portfolio_snapshots t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
UPDATE paper_account_stats t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
UPDATE paper_daily_equity t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
UPDATE strategy_sessions t SET account = a.archived_of FROM accounts a WHERE a.account = t.account AND a.archived_of IS NOT NULL;
DELETE FROM paper_order_marks m USING accounts a WHERE a.account = m.account AND a.archived_of IS NOT NULL;

SET CONSTRAINTS ALL IMMEDIATE;

-- ---------------------------------------------------------------------------------------------------------------
-- No more archives: the epochs' record loses its archive name, the accounts their archive mark and its triggers.
-- ---------------------------------------------------------------------------------------------------------------
-- The triggers' functions stay defined (db/repeatable/functions): replaying 0009 on a fresh database names them.
DROP TRIGGER accounts_archive_read_only ON accounts;
DROP TRIGGER trading_decisions_refuse_archives ON trading_decisions;
ALTER TABLE paper_account_epochs DROP COLUMN archived_as;
DELETE FROM accounts WHERE archived_of IS NOT NULL;
ALTER TABLE accounts DROP COLUMN archived_of;  -- with its CHECKs accounts_archive_named_by_epoch and accounts_archive_halted

COMMENT ON COLUMN accounts.epoch IS 'The current epoch: history rows of this epoch carry it; reset_account ends it and starts the next.';
COMMENT ON TABLE paper_account_epochs IS
    'One row per closed epoch: dates, capital, deposits, final equity and net P&L, and why it was reset. Its rows carry (account, epoch).';

-- ---------------------------------------------------------------------------------------------------------------
-- The epoch of a row inserted without one (trading_fill_epoch(): db/repeatable/functions/15_account_epochs.sql). WHEN
-- keeps the function off the batch writer's inserts, which always carry the epoch of the account they locked.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TRIGGER trading_decisions_epoch BEFORE INSERT ON trading_decisions
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_orders_epoch BEFORE INSERT ON paper_orders
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_fills_epoch BEFORE INSERT ON paper_fills
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_cancel_requests_epoch BEFORE INSERT ON paper_cancel_requests
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_trades_epoch BEFORE INSERT ON paper_trades
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_ledger_epoch BEFORE INSERT ON paper_ledger
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_portfolio_snapshots_epoch BEFORE INSERT ON paper_portfolio_snapshots
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_account_stats_epoch BEFORE INSERT ON paper_account_stats
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER paper_daily_equity_epoch BEFORE INSERT ON paper_daily_equity
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();
CREATE TRIGGER strategy_sessions_epoch BEFORE INSERT ON strategy_sessions
    FOR EACH ROW WHEN (NEW.epoch IS NULL) EXECUTE FUNCTION trading_fill_epoch();

-- The aggregate functions take the epoch with each row (db/repeatable/functions/16_read_side_aggregates.sql); on a
-- fresh database only the new ones were ever created.
DROP FUNCTION IF EXISTS paper_add_trades(text[], timestamptz[], numeric[], numeric[], numeric[], interval[]);
DROP FUNCTION IF EXISTS paper_add_snapshots(text[], timestamptz[], numeric[]);

-- Agents read paper_fills column by column (0017): the views they read select a fill's epoch too.
GRANT SELECT (epoch) ON paper_fills TO trading_agent;
