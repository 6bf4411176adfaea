-- 0006: risk limits as rows (with an append-only change history), the kill switch, and deposits/withdrawals through the ledger.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).

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

CREATE TRIGGER paper_risk_limits_audit
    BEFORE INSERT OR UPDATE OR DELETE ON paper_risk_limits
    FOR EACH ROW EXECUTE FUNCTION paper_risk_limits_audit();

CREATE TRIGGER paper_risk_limit_history_append_only
    BEFORE UPDATE OR DELETE ON paper_risk_limit_history
    FOR EACH ROW EXECUTE FUNCTION paper_risk_limit_history_append_only();

CREATE TRIGGER paper_risk_limit_history_no_truncate
    BEFORE TRUNCATE ON paper_risk_limit_history
    FOR EACH STATEMENT EXECUTE FUNCTION paper_risk_limit_history_append_only();

GRANT SELECT, INSERT, UPDATE, DELETE ON paper_risk_limits TO trading_orchestrator;
GRANT SELECT, INSERT ON paper_risk_limit_history TO trading_orchestrator;
GRANT SELECT ON paper_risk_limits, paper_risk_limit_history TO trading_reader, trading_agent;
