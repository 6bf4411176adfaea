-- 0013: strategy sessions: a strategy (seed 004's JSON) runs as an agent on its own account, started, watched and stopped.
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
-- Bars: OHLCV of a symbol per timeframe bucket, from the last price (the mid where a quote has none), closed bars only.
-- plpgsql, not a parameterised LANGUAGE sql function (Citus cannot plan those).
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION strategy_bars(p_symbol text, p_timeframe interval, p_from timestamptz, p_through timestamptz)
    RETURNS TABLE (open_time timestamptz, open numeric, high numeric, low numeric, close numeric, volume numeric)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    RETURN QUERY
    SELECT b.bucket,
           (array_agg(b.price ORDER BY b.time))[1],
           max(b.price),
           min(b.price),
           (array_agg(b.price ORDER BY b.time DESC))[1],
           COALESCE(sum(b.volume), 0)
    FROM (
        SELECT date_bin(p_timeframe, m.time, timestamptz '2000-01-01 00:00:00+00') AS bucket, m.time,
               COALESCE(m.last, (m.bid + m.ask) / 2) AS price, m.volume
        FROM market_prices m
        WHERE m.symbol = p_symbol
          AND m.time >= date_bin(p_timeframe, p_from, timestamptz '2000-01-01 00:00:00+00')
          AND m.time < p_through
    ) b
    WHERE b.price IS NOT NULL
    GROUP BY b.bucket
    HAVING b.bucket + p_timeframe <= p_through
    ORDER BY b.bucket;
END;
$$;

COMMENT ON FUNCTION strategy_bars(text, interval, timestamptz, timestamptz) IS
    'Closed OHLCV bars of a symbol: buckets of p_timeframe (aligned to 2000-01-01 UTC) opening at or after the bucket of p_from and closing by p_through.';

-- ---------------------------------------------------------------------------------------------------------------
-- Start and stop from SQL (what `trading strategy start|stop` do), for an agent with psql.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION start_strategy(p_config jsonb, p_account text DEFAULT NULL, p_capital numeric DEFAULT NULL,
                               p_mode text DEFAULT 'live', p_act_from timestamptz DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    v_name    text := p_config ->> 'name';
    v_account text;
    v_id      bigint;
BEGIN
    IF v_name IS NULL OR v_name !~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' THEN
        RAISE EXCEPTION 'the strategy config needs a "name" of letters, digits, _ . - (at most 64), got %', coalesce(v_name, 'none')
            USING ERRCODE = 'check_violation', CONSTRAINT = 'strategy_sessions_name_format';
    END IF;
    v_account := coalesce(p_account, 'strategy-' || lower(regexp_replace(v_name, '[^A-Za-z0-9]+', '-', 'g')));
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE account = v_account) THEN
        -- A session's own account: prices as of the decision plus 1 ms, i.e. the first quote after the bar that decided.
        -- A replay's next quote may be a whole bar away (klines are quotes at their close): its staleness bound covers one.
        INSERT INTO accounts (account, initial_capital, cash, latency, staleness_bound)
        VALUES (v_account, coalesce(p_capital, 10000), coalesce(p_capital, 10000), interval '1 millisecond',
                CASE WHEN p_mode = 'replay' AND p_config ->> 'timeframe' ~ '^[0-9]{1,3}[mhd]$'
                     THEN (p_config ->> 'timeframe')::interval + interval '1 minute'
                     ELSE interval '60 seconds' END);
    ELSIF p_capital IS NOT NULL THEN
        RAISE EXCEPTION 'account % exists: its capital is its own (fund or reset it instead of passing a capital)', v_account
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM accounts WHERE account = v_account AND archived_of IS NOT NULL) THEN
        RAISE EXCEPTION 'account % is a read-only archive', v_account USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO strategy_sessions (name, config, account, mode, act_from)
    VALUES (v_name, p_config, v_account, p_mode, coalesce(p_act_from, clock_timestamp()))
    RETURNING session_id INTO v_id;
    RETURN v_id;
END;
$$;

-- Stops a session; unless p_keep_positions, one CLOSE decision per open position of its account flattens it (executed
-- by the orchestrator like any decision). Returns the number of CLOSE decisions written.
CREATE FUNCTION stop_strategy(p_session_id bigint, p_keep_positions boolean DEFAULT false, p_reason text DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    s strategy_sessions%ROWTYPE;
    v_closes integer := 0;
BEGIN
    SELECT * INTO s FROM strategy_sessions WHERE session_id = p_session_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no strategy session %', p_session_id USING ERRCODE = 'no_data_found';
    END IF;
    IF s.status <> 'running' THEN
        RAISE EXCEPTION 'strategy session % is already %', p_session_id, s.status USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    UPDATE strategy_sessions
    SET status = 'stopped', stopped_at = clock_timestamp(), status_reason = coalesce(nullif(p_reason, ''), 'stopped by ' || trading_acting_role())
    WHERE session_id = p_session_id;
    IF NOT p_keep_positions THEN
        INSERT INTO trading_decisions (account, agent, strategy, strategy_session_id, symbol, decision, confidence, reasoning, idempotency_key)
        SELECT s.account, 'strategy:' || s.name, s.name, s.session_id, p.symbol, 'CLOSE', 1,
               s.name || ': session ' || s.session_id || ' stopped, flattening ' || p.symbol,
               'session:' || s.session_id || ':stop:' || p.symbol
        FROM paper_positions p
        WHERE p.account = s.account
        ORDER BY p.symbol;
        GET DIAGNOSTICS v_closes = ROW_COUNT;
    END IF;
    RETURN v_closes;
END;
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- The running figures of each session (its account's): trades, open positions, P&L, equity, drawdown.
-- ---------------------------------------------------------------------------------------------------------------
CREATE VIEW v_strategy_sessions AS
SELECT s.session_id, s.name, s.account, s.mode, s.status, s.status_reason, s.started_at, s.stopped_at,
       s.last_bar_close, s.bars_acted, s.checksum,
       (SELECT count(*) FROM trading_decisions d WHERE d.strategy_session_id = s.session_id) AS decisions,
       (SELECT count(*) FROM paper_trades t WHERE t.account = s.account) AS trades,
       o.num_positions AS open_positions,
       o.realized_pnl, o.unrealized_pnl, o.total_pnl, o.total_pnl_pct, o.total_value AS equity,
       m.max_drawdown_pct, m.win_rate
FROM strategy_sessions s
LEFT JOIN v_paper_portfolio_overview o ON o.account = s.account
LEFT JOIN v_paper_performance_metrics m ON m.account = s.account;

COMMENT ON VIEW v_strategy_sessions IS 'Each strategy session with the running figures of its account.';

-- ---------------------------------------------------------------------------------------------------------------
-- Who may do what.
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT ON strategy_sessions, v_strategy_sessions TO trading_reader, trading_agent, trading_operator, trading_orchestrator;
GRANT EXECUTE ON FUNCTION strategy_bars(text, interval, timestamptz, timestamptz) TO trading_reader, trading_agent, trading_operator, trading_orchestrator;
REVOKE EXECUTE ON FUNCTION start_strategy(jsonb, text, numeric, text, timestamptz), stop_strategy(bigint, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION start_strategy(jsonb, text, numeric, text, timestamptz), stop_strategy(bigint, boolean, text)
    TO trading_agent, trading_operator, trading_orchestrator;
-- The runner: it validates a session (checksum, failure), advances it bar by bar, and writes its decisions.
GRANT UPDATE (checksum, status, status_reason, stopped_at, last_bar_close, bars_acted) ON strategy_sessions TO trading_orchestrator;
GRANT INSERT (account, agent, strategy, symbol, decision, confidence, risk_score, reasoning, current_price, quantity,
              notional, order_type, stop_loss, take_profit, trailing_offset, exit_unit, idempotency_key,
              strategy_session_id, price_as_of)
    ON trading_decisions TO trading_orchestrator;

-- ---------------------------------------------------------------------------------------------------------------
-- An account reset (0009) closes an epoch: its finished sessions go to the archive with the rest of its history, and a
-- running session forbids the reset (its next bar would trade the new epoch on the old one's indicators).
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION strategy_sessions_follow_reset() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    running bigint;
BEGIN
    SELECT s.session_id INTO running FROM strategy_sessions s WHERE s.account = NEW.account AND s.status = 'running' LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'account % has running strategy session %: a reset needs it stopped', NEW.account, running
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Stop it first: SELECT stop_strategy(%s), or trading strategy stop %s.', running, running);
    END IF;
    UPDATE strategy_sessions s SET account = NEW.archived_as WHERE s.account = NEW.account;
    RETURN NULL;
END;
$$;

CREATE TRIGGER strategy_sessions_follow_reset
    AFTER INSERT ON paper_account_epochs
    FOR EACH ROW EXECUTE FUNCTION strategy_sessions_follow_reset();
