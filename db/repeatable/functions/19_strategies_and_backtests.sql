-- Strategy sessions (bars, start, stop, following a reset, the grant they need) and backtest runs (signal keys, the login).

-- ---------------------------------------------------------------------------------------------------------------
-- Bars: OHLCV of a symbol per timeframe bucket, from the last price (the mid where a quote has none), closed bars only.
-- plpgsql, not a parameterised LANGUAGE sql function (Citus cannot plan those).
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION strategy_bars(p_symbol text, p_timeframe interval, p_from timestamptz, p_through timestamptz)
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
REVOKE ALL ON FUNCTION strategy_bars(text,interval,timestamp with time zone,timestamp with time zone) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION strategy_bars(text,interval,timestamp with time zone,timestamp with time zone) TO PUBLIC, trading_agent, trading_operator, trading_orchestrator, trading_reader;

-- ---------------------------------------------------------------------------------------------------------------
-- Start and stop from SQL (what `trading strategy start|stop` do), for an agent with psql.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION start_strategy(p_config jsonb, p_account text DEFAULT NULL, p_capital numeric DEFAULT NULL,
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
    INSERT INTO strategy_sessions (name, config, account, mode, act_from)
    VALUES (v_name, p_config, v_account, p_mode, coalesce(p_act_from, clock_timestamp()))
    RETURNING session_id INTO v_id;
    RETURN v_id;
END;
$$;
REVOKE ALL ON FUNCTION start_strategy(jsonb,text,numeric,text,timestamp with time zone) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION start_strategy(jsonb,text,numeric,text,timestamp with time zone) TO trading_agent, trading_operator, trading_orchestrator;

-- Stops a session; unless p_keep_positions, one CLOSE decision per open position of its account flattens it (executed
-- by the orchestrator like any decision). Returns the number of CLOSE decisions written.
CREATE OR REPLACE FUNCTION stop_strategy(p_session_id bigint, p_keep_positions boolean DEFAULT false, p_reason text DEFAULT NULL)
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
REVOKE ALL ON FUNCTION stop_strategy(bigint,boolean,text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION stop_strategy(bigint,boolean,text) TO trading_agent, trading_operator, trading_orchestrator;

-- ---------------------------------------------------------------------------------------------------------------
-- An account reset (0009) closes an epoch: its finished sessions keep their epoch with the rest of its history (0026),
-- and a running session forbids the reset (its next bar would trade the new epoch on the old one's indicators).
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION strategy_sessions_follow_reset() RETURNS trigger
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
    RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION strategy_sessions_follow_reset() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION strategy_sessions_follow_reset() TO PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- The paper side's signal: a strategy session decision's idempotency key less its 'session:ID:' prefix; NULL for any
-- other key (an agent's own, or a stop's 'session:ID:stop:SYMBOL').
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION strategy_signal_key(p_idempotency_key text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    RETURN substring(p_idempotency_key FROM '^session:[0-9]+:(.+:[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)$');
END;
$$;

COMMENT ON FUNCTION strategy_signal_key(text) IS
    'The bar signal (SYMBOL:BARCLOSE) a strategy session decision came from, from its idempotency key; NULL for other keys.';
REVOKE ALL ON FUNCTION strategy_signal_key(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION strategy_signal_key(text) TO PUBLIC, trading_agent, trading_operator, trading_orchestrator, trading_reader;

-- ---------------------------------------------------------------------------------------------------------------
-- Who ran it: the login, stamped by the database whatever the INSERT says.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION backtest_runs_stamp_login() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    NEW.ran_by := session_user;
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION backtest_runs_stamp_login() FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION backtest_runs_stamp_login() TO PUBLIC;
