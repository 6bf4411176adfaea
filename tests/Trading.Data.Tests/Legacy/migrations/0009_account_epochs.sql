-- 0009: account reset into a new epoch: the closed epoch's history moves, whole, to a read-only archive account.
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

CREATE FUNCTION accounts_archive_read_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'account % is the read-only archive of epoch % of %', OLD.account, OLD.epoch, OLD.archived_of
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = format('Use the live account %s; the archive only keeps the history of a closed epoch.', OLD.archived_of);
END;
$$;

-- WHEN keeps the cost off live accounts: the batch's cash update never enters the function.
CREATE TRIGGER accounts_archive_read_only
    BEFORE UPDATE OR DELETE ON accounts
    FOR EACH ROW WHEN (OLD.archived_of IS NOT NULL) EXECUTE FUNCTION accounts_archive_read_only();

-- Decisions for an archive are refused at INSERT, like any malformed row (one check per statement, not per row).
-- SECURITY DEFINER: agents insert decisions but may not read accounts.
CREATE FUNCTION trading_decisions_refuse_archives() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS
$$
DECLARE
    archive accounts%ROWTYPE;
BEGIN
    SELECT a.* INTO archive FROM accounts a WHERE a.archived_of IS NOT NULL AND a.account IN (SELECT i.account FROM inserted i) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'account % is the read-only archive of epoch % of %: decisions go to %',
                        archive.account, archive.epoch, archive.archived_of, archive.archived_of
            USING ERRCODE = 'check_violation', CONSTRAINT = 'trading_decisions_account_live';
    END IF;
    RETURN NULL;
END;
$$;

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
-- reset_account: close the current epoch of a live account and start the next one.
--   p_initial_capital  the new epoch's capital (cash starts equal to it); NULL keeps the closed epoch's initial capital
--                      (not its final cash: deposits and profits stay in the archive)
--   p_reason           kept in paper_account_epochs
-- Refused, with nothing changed, when the account has an open position, a pending decision or an active order, is
-- itself an archive, or its archive name is taken (object_not_in_prerequisite_state); unknown account
-- (foreign_key_violation, as kill_switch); a capital that is not positive (check_violation). Everything else carries
-- over as it was: fees, slippage, leverage, seed, latency, risk limits, and a halt (lifted only by resume_account).
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION reset_account(p_account text, p_initial_capital numeric DEFAULT NULL, p_reason text DEFAULT NULL)
    RETURNS TABLE (account text, epoch integer, base_currency text, initial_capital numeric, cash numeric, halted boolean, halt_reason text,
                   archived_as text, archived_epoch integer, archived_initial_capital numeric, archived_net_deposits numeric,
                   archived_final_equity numeric, archived_net_pnl numeric, archived_trades bigint)
    LANGUAGE plpgsql AS
$$
#variable_conflict use_column
DECLARE
    live accounts%ROWTYPE;
    archive accounts%ROWTYPE;
    blocking text;
    closed paper_account_epochs%ROWTYPE;
BEGIN
    IF p_initial_capital IS NOT NULL AND NOT (p_initial_capital > 0 AND p_initial_capital < 1e18) THEN
        RAISE EXCEPTION 'the initial capital must be a positive amount below 10^18, got %', p_initial_capital
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_initial_capital_positive';
    END IF;

    -- FOR UPDATE, not FOR NO KEY UPDATE: it also makes every foreign-key check on the account wait, so no decision,
    -- order or snapshot of the old epoch can be committed between the checks below and the move.
    SELECT a.* INTO live FROM accounts a WHERE a.account = p_account FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF live.archived_of IS NOT NULL THEN
        RAISE EXCEPTION 'account % is the read-only archive of epoch % of %: an archive is never reset', p_account, live.epoch, live.archived_of
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = format('Reset %s to close its current epoch.', live.archived_of);
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

    archive := live;
    archive.account := p_account || '.e' || live.epoch;
    archive.archived_of := p_account;
    archive.halted := true;
    archive.halt_reason := format('archived epoch %s of %s', live.epoch, p_account);
    IF EXISTS (SELECT 1 FROM accounts a WHERE a.account = archive.account) THEN
        RAISE EXCEPTION 'cannot archive epoch % of % as %: an account of that name exists', live.epoch, p_account, archive.account
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Rename or remove the account %s, then reset.', archive.account);
    END IF;
    IF length(archive.account) > 63 THEN
        RAISE EXCEPTION 'cannot archive epoch % of %: the archive name % is longer than 63 characters', live.epoch, p_account, archive.account
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_account_format';
    END IF;

    closed.account := p_account;
    closed.epoch := live.epoch;
    closed.archived_as := archive.account;
    closed.base_currency := live.base_currency;
    closed.started_at := live.epoch_started_at;
    closed.ended_at := clock_timestamp();
    closed.initial_capital := live.initial_capital;
    closed.net_deposits := (SELECT COALESCE(sum(l.amount), 0) FROM paper_ledger l
                            WHERE l.account = p_account AND l.kind IN ('deposit', 'withdrawal'));
    closed.final_equity := live.cash;
    closed.net_pnl := closed.final_equity - closed.initial_capital - closed.net_deposits;
    closed.total_trades := (SELECT COALESCE(sum(s.total_trades), 0) FROM paper_account_stats s WHERE s.account = p_account);
    closed.reason := NULLIF(p_reason, '');
    closed.reset_by := current_user;

    -- The whole row is copied, so a setting added by a later migration is kept without being named here.
    INSERT INTO accounts SELECT (archive).*;

    -- One statement for both: the orders' (account, decision_id) key is checked when the statement ends.
    WITH decisions AS (
        UPDATE trading_decisions d SET account = archive.account WHERE d.account = p_account
    )
    UPDATE paper_orders o SET account = archive.account WHERE o.account = p_account;
    UPDATE paper_fills f SET account = archive.account WHERE f.account = p_account;
    UPDATE paper_cancel_requests c SET account = archive.account WHERE c.account = p_account;
    UPDATE paper_order_marks m SET account = archive.account WHERE m.account = p_account;
    UPDATE paper_trades t SET account = archive.account WHERE t.account = p_account;
    UPDATE paper_ledger l SET account = archive.account WHERE l.account = p_account;
    UPDATE paper_portfolio_snapshots s SET account = archive.account WHERE s.account = p_account;
    UPDATE paper_account_stats s SET account = archive.account WHERE s.account = p_account;
    UPDATE paper_daily_equity d SET account = archive.account WHERE d.account = p_account;

    UPDATE accounts a
    SET epoch = live.epoch + 1,
        epoch_started_at = clock_timestamp(),
        initial_capital = COALESCE(p_initial_capital, live.initial_capital),
        cash = COALESCE(p_initial_capital, live.initial_capital),
        peak_equity = NULL
    WHERE a.account = p_account;

    INSERT INTO paper_account_epochs SELECT (closed).*;

    RETURN QUERY
    SELECT a.account, a.epoch, a.base_currency, a.initial_capital, a.cash, a.halted, a.halt_reason, closed.archived_as, closed.epoch,
           closed.initial_capital, closed.net_deposits, closed.final_equity, closed.net_pnl, closed.total_trades
    FROM accounts a WHERE a.account = p_account;
END;
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- The views that list accounts show live ones only (their latest definitions, 0007 and 0003, plus that filter). The
-- views of rows (trades, equity curve, daily P&L) are keyed by account already: the live name shows the current epoch,
-- the archive's name its closed one.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW v_paper_portfolio_overview AS
WITH pos AS (
    SELECT account,
           count(*)                          AS num_positions,
           COALESCE(sum(position_value), 0)  AS positions_value,
           COALESCE(sum(abs(position_value)), 0) AS gross_exposure,
           COALESCE(sum(unrealized_pnl), 0)  AS unrealized_pnl,
           COALESCE(sum(entry_fees), 0)      AS open_entry_fees,
           count(*) FILTER (WHERE current_price IS NULL) AS unpriced_positions
    FROM v_paper_open_positions
    GROUP BY account
), realized AS (
    SELECT account, net_pnl::numeric AS realized_pnl, fees::numeric AS trade_fees, total_trades
    FROM paper_account_stats
), deposits AS (
    SELECT account, sum(amount) AS net_deposits
    FROM paper_ledger
    WHERE kind IN ('deposit', 'withdrawal')
    GROUP BY account
)
SELECT a.account,
       a.base_currency,
       a.initial_capital,
       COALESCE(d.net_deposits, 0)                                   AS net_deposits,
       a.cash,
       COALESCE(p.positions_value, 0)                                AS positions_value,
       a.cash + COALESCE(p.positions_value, 0)                       AS total_value,
       COALESCE(p.gross_exposure, 0)                                 AS gross_exposure,
       COALESCE(p.unrealized_pnl, 0)                                 AS unrealized_pnl,
       COALESCE(r.realized_pnl, 0)                                   AS realized_pnl,
       a.cash + COALESCE(p.positions_value, 0) - a.initial_capital - COALESCE(d.net_deposits, 0) AS total_pnl,
       round((a.cash + COALESCE(p.positions_value, 0) - a.initial_capital - COALESCE(d.net_deposits, 0))
             / (a.initial_capital + COALESCE(d.net_deposits, 0)) * 100, 4) AS total_pnl_pct,
       COALESCE(p.num_positions, 0)                                  AS num_positions,
       COALESCE(r.total_trades, 0)                                   AS total_trades,
       COALESCE(p.unpriced_positions, 0)                             AS unpriced_positions,
       a.halted,
       a.halt_reason
FROM accounts a
LEFT JOIN pos p ON p.account = a.account
LEFT JOIN realized r ON r.account = a.account
LEFT JOIN deposits d ON d.account = a.account
WHERE a.archived_of IS NULL;

CREATE OR REPLACE VIEW v_paper_performance_metrics AS
WITH t AS (
    SELECT account,
           total_trades,
           winning_trades,
           losing_trades,
           net_pnl::numeric                                  AS total_pnl,
           gross_pnl::numeric                                AS gross_pnl,
           fees::numeric                                     AS total_fees,
           sum_wins / NULLIF(winning_trades, 0)              AS avg_win,
           sum_losses / NULLIF(losing_trades, 0)             AS avg_loss,
           NULLIF(sum_wins, 0)                               AS gross_wins,
           NULLIF(sum_losses, 0)                             AS gross_losses,
           largest_win,
           largest_loss,
           total_hold / NULLIF(total_trades, 0)              AS avg_trade_duration,
           first_exit,
           last_exit,
           max_drawdown,
           max_drawdown_pct
    FROM paper_account_stats
), r AS (
    SELECT account,
           count(*)                                          AS days,
           avg(return_pct / 100)                             AS mean_return,
           stddev_samp(return_pct / 100)                     AS stddev_return,
           sqrt(avg(power(least(return_pct / 100, 0), 2)))   AS downside_deviation
    FROM v_paper_daily_pnl
    GROUP BY account
)
SELECT a.account,
       COALESCE(t.total_trades, 0)                                            AS total_trades,
       COALESCE(t.winning_trades, 0)                                          AS winning_trades,
       COALESCE(t.losing_trades, 0)                                           AS losing_trades,
       round(t.winning_trades::numeric / NULLIF(t.total_trades, 0) * 100, 2)  AS win_rate,
       COALESCE(t.total_pnl, 0)                                               AS total_pnl,
       COALESCE(t.gross_pnl, 0)                                               AS gross_pnl,
       COALESCE(t.total_fees, 0)                                              AS total_fees,
       round(t.avg_win, 10)                                                   AS avg_win,
       round(t.avg_loss, 10)                                                  AS avg_loss,
       round(t.gross_wins / NULLIF(-t.gross_losses, 0), 4)                    AS profit_factor,
       round(t.total_pnl / NULLIF(t.total_trades, 0), 10)                     AS expectancy,
       t.largest_win::numeric                                                 AS largest_win,
       t.largest_loss::numeric                                                AS largest_loss,
       t.avg_trade_duration,
       round(t.total_trades / GREATEST(EXTRACT(EPOCH FROM (t.last_exit - t.first_exit)) / 86400, 1), 4) AS trades_per_day,
       CASE WHEN r.days >= 2 AND r.stddev_return > 0
            THEN round(r.mean_return / r.stddev_return * sqrt(365::numeric), 4) END AS sharpe_ratio,
       CASE WHEN r.days >= 2 AND r.downside_deviation > 0
            THEN round(r.mean_return / r.downside_deviation * sqrt(365::numeric), 4) END AS sortino_ratio,
       COALESCE(t.max_drawdown_pct::numeric, 0)                               AS max_drawdown_pct,
       COALESCE(t.max_drawdown::numeric, 0)                                   AS max_drawdown,
       COALESCE(r.days, 0)                                                    AS days_with_snapshots
FROM accounts a
LEFT JOIN t ON t.account = a.account
LEFT JOIN r ON r.account = a.account
WHERE a.archived_of IS NULL;

-- Still updatable (a simple view with a WHERE): settings of a live account change through it, an archive's cannot.
CREATE OR REPLACE VIEW paper_trading_config AS
SELECT account,
       initial_capital,
       cash + 0                 AS current_capital,
       fee_rate                 AS commission_pct,
       min_fee                  AS min_commission,
       slippage_rate            AS slippage_pct,
       max_position_fraction    AS max_position_size,
       confidence_threshold     AS decision_confidence_threshold,
       allow_shorting,
       leverage,
       halted
FROM accounts
WHERE archived_of IS NULL;

-- Every epoch of every live account, the current one included (is_current; its figures are live, from the overview).
-- history_account is the name the epoch's rows are kept under: the archive for a closed epoch, the account itself for
-- the current one, e.g. SELECT * FROM v_paper_recent_trades WHERE account = '<history_account>'.
CREATE VIEW v_paper_account_epochs AS
SELECT e.account,
       e.epoch,
       false                                                              AS is_current,
       e.archived_as                                                      AS history_account,
       e.base_currency,
       e.started_at,
       e.ended_at,
       e.initial_capital,
       e.net_deposits,
       e.final_equity,
       e.net_pnl,
       round(e.net_pnl / NULLIF(e.initial_capital + e.net_deposits, 0) * 100, 4) AS net_pnl_pct,
       e.total_trades,
       e.reason
FROM paper_account_epochs e
UNION ALL
SELECT a.account,
       a.epoch,
       true,
       a.account,
       a.base_currency,
       a.epoch_started_at,
       NULL,
       a.initial_capital,
       o.net_deposits,
       o.total_value,
       o.total_pnl,
       round(o.total_pnl / NULLIF(o.initial_capital + o.net_deposits, 0) * 100, 4),
       o.total_trades,
       NULL
FROM accounts a
JOIN v_paper_portfolio_overview o ON o.account = a.account;

-- ---------------------------------------------------------------------------------------------------------------
-- Grants: readers and agents read the epochs; the orchestrator's role resets (agents may not); the record of a reset
-- is never rewritten.
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT ON paper_account_epochs, v_paper_account_epochs TO trading_reader, trading_agent;
REVOKE UPDATE ON paper_account_epochs FROM trading_orchestrator;
REVOKE EXECUTE ON FUNCTION reset_account(text, numeric, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reset_account(text, numeric, text) TO trading_orchestrator;
