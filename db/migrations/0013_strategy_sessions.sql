-- 0013: strategy sessions: a strategy (seed 004's JSON) runs as an agent on its own account, started, watched and stopped.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- A session is a row; the runner in `trading run` evaluates the strategy on each closed bar of its timeframe and writes
-- decisions like any agent (agent 'strategy:<name>', the session id, the indicator values in the reasoning). The bar
-- acted on last is in the row, and the decision of a bar and the row's advance commit together, so a crash neither
-- skips nor repeats a bar (each decision also carries an idempotency key naming its bar).

CREATE TABLE strategy_sessions (
    session_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL CONSTRAINT strategy_sessions_name_format CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    config          jsonb NOT NULL CONSTRAINT strategy_sessions_config_object CHECK (jsonb_typeof(config) = 'object'),
    -- SHA-256 of the canonical config, set when the runner (or the CLI) has validated it; NULL until then.
    checksum        text CONSTRAINT strategy_sessions_checksum_format CHECK (checksum ~ '^[0-9a-f]{64}$'),
    account         text NOT NULL REFERENCES accounts (account),
    -- live: bars from whatever fills market_prices now, acted on as they close, filled at the quote after the decision.
    -- replay: bars from stored history after `act_from`, each decision priced as of its bar's close (the quote after it),
    -- so a kline replay trades through the paper venue as it would have then.
    mode            text NOT NULL DEFAULT 'live' CONSTRAINT strategy_sessions_mode_known CHECK (mode IN ('live', 'replay')),
    status          text NOT NULL DEFAULT 'running'
                    CONSTRAINT strategy_sessions_status_known CHECK (status IN ('running', 'stopped', 'failed')),
    status_reason   text CONSTRAINT strategy_sessions_status_reason_length CHECK (length(status_reason) <= 4000),
    started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- Bars closing after this are acted on; earlier ones only warm the indicators up.
    act_from        timestamptz NOT NULL DEFAULT clock_timestamp()
                    CONSTRAINT strategy_sessions_act_from_finite CHECK (act_from > '-infinity' AND act_from < 'infinity'),
    stopped_at      timestamptz,
    -- The close time of the last bar acted on (NULL: none yet).
    last_bar_close  timestamptz,
    bars_acted      bigint NOT NULL DEFAULT 0 CONSTRAINT strategy_sessions_bars_acted_nonnegative CHECK (bars_acted >= 0),
    started_by      text NOT NULL DEFAULT trading_acting_role(),
    CONSTRAINT strategy_sessions_stopped_at CHECK ((status = 'running') = (stopped_at IS NULL))
);

COMMENT ON TABLE strategy_sessions IS 'Strategies run as paper sessions: config, account, status and the last bar acted on.';

-- One running session per account: two strategies on one account would trade each other's positions.
CREATE UNIQUE INDEX strategy_sessions_one_running_per_account ON strategy_sessions (account) WHERE status = 'running';

ALTER TABLE trading_decisions ADD COLUMN strategy_session_id bigint REFERENCES strategy_sessions (session_id);
-- The moment a decision's price is taken from: the first quote at or after price_as_of + the account's latency. Only the
-- strategy runner writes it (a replay session's bar close); for everyone else it is the decision's creation.
ALTER TABLE trading_decisions ADD COLUMN price_as_of timestamptz
    CONSTRAINT trading_decisions_price_as_of_finite CHECK (price_as_of > '-infinity' AND price_as_of < 'infinity');
CREATE INDEX trading_decisions_strategy_session_idx ON trading_decisions (strategy_session_id) WHERE strategy_session_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Who may do what.
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT ON strategy_sessions TO trading_reader, trading_agent, trading_operator, trading_orchestrator;
-- The runner: it validates a session (checksum, failure), advances it bar by bar, and writes its decisions.
GRANT UPDATE (checksum, status, status_reason, stopped_at, last_bar_close, bars_acted) ON strategy_sessions TO trading_orchestrator;
GRANT INSERT (account, agent, strategy, symbol, decision, confidence, risk_score, reasoning, current_price, quantity,
              notional, order_type, stop_loss, take_profit, trailing_offset, exit_unit, idempotency_key,
              strategy_session_id, price_as_of)
    ON trading_decisions TO trading_orchestrator;

CREATE TRIGGER strategy_sessions_follow_reset
    AFTER INSERT ON paper_account_epochs
    FOR EACH ROW EXECUTE FUNCTION strategy_sessions_follow_reset();
