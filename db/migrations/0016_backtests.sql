-- 0016: backtest runs stored beside the paper results: the run (config, data, settings, figures), its trades, fills and equity.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- A backtest runs in memory (`trading backtest`): no decision touches the database. Its results are written here in one
-- transaction when it ends. backtest_trades and backtest_fills have the columns of paper_trades and paper_fills (less
-- the account, plus run_id), so one comparison reads both sides alike; each row names the bar signal that caused it,
-- signal_key = 'SYMBOL:BARCLOSE' (UTC, ISO 8601 to the second). A strategy session's decision carries the same name in
-- its idempotency key ('session:ID:SYMBOL:BARCLOSE'): strategy_signal_key(idempotency_key) derives it for the paper side.
--
-- Who sees a run: the login that ran it (ran_by, stamped by the database), the services (orchestrator, operator), and a
-- role granted read on every account ('*', e.g. the dashboards' pg_read_all_data). A run has no account: its simulated
-- account exists only in memory. Rows are history: nobody updates them; the owner may delete.

CREATE TABLE backtest_runs (
    run_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text NOT NULL CONSTRAINT backtest_runs_name_length CHECK (length(name) BETWEEN 1 AND 64),
    config            jsonb NOT NULL CONSTRAINT backtest_runs_config_object CHECK (jsonb_typeof(config) = 'object'),
    checksum          text NOT NULL CONSTRAINT backtest_runs_checksum_format CHECK (checksum ~ '^[0-9a-f]{64}$'),
    -- Where the quotes came from: a quotes or klines file (its path and SHA-256), or the stored market_prices.
    data_source       text NOT NULL CONSTRAINT backtest_runs_data_source_known CHECK (data_source IN ('quotes_file', 'klines_file', 'market_prices')),
    data_path         text CONSTRAINT backtest_runs_data_path_length CHECK (length(data_path) <= 4000),
    data_checksum     text CONSTRAINT backtest_runs_data_checksum_format CHECK (data_checksum ~ '^[0-9a-f]{64}$'),
    symbols           text[] NOT NULL,
    -- The range asked for: bars closing after from_time are acted on; data is read from warmup_from (earlier, to warm
    -- the indicators up) to before to_time.
    from_time         timestamptz NOT NULL CONSTRAINT backtest_runs_from_finite CHECK (from_time > '-infinity' AND from_time < 'infinity'),
    to_time           timestamptz NOT NULL CONSTRAINT backtest_runs_to_finite CHECK (to_time > '-infinity' AND to_time < 'infinity'),
    warmup_from       timestamptz NOT NULL,
    first_event       timestamptz,
    last_event        timestamptz,
    -- The simulated account: the engine's settings as `accounts` holds them (fee, slippage, leverage, seed ...).
    account_settings  jsonb NOT NULL CONSTRAINT backtest_runs_settings_object CHECK (jsonb_typeof(account_settings) = 'object'),
    initial_capital   numeric(28,10) NOT NULL CONSTRAINT backtest_runs_capital_positive CHECK (initial_capital > 0),
    latency           interval NOT NULL CONSTRAINT backtest_runs_latency_nonnegative CHECK (latency >= interval '0'),
    random_seed       bigint NOT NULL,
    duration          interval NOT NULL,
    events            bigint NOT NULL CONSTRAINT backtest_runs_events_nonnegative CHECK (events >= 0),
    bars              bigint NOT NULL CONSTRAINT backtest_runs_bars_nonnegative CHECK (bars >= 0),
    warm_up_bars      bigint NOT NULL CONSTRAINT backtest_runs_warm_up_nonnegative CHECK (warm_up_bars >= 0),
    lead_in_bars      bigint NOT NULL CONSTRAINT backtest_runs_lead_in_nonnegative CHECK (lead_in_bars >= 0),
    signals           bigint NOT NULL CONSTRAINT backtest_runs_signals_nonnegative CHECK (signals >= 0),
    decisions         bigint NOT NULL CONSTRAINT backtest_runs_decisions_nonnegative CHECK (decisions >= 0),
    fills             bigint NOT NULL CONSTRAINT backtest_runs_fills_nonnegative CHECK (fills >= 0),
    trades            bigint NOT NULL CONSTRAINT backtest_runs_trades_nonnegative CHECK (trades >= 0),
    final_cash        numeric(28,10) NOT NULL,
    final_equity      numeric(28,10) NOT NULL,
    net_pnl           numeric(28,10) NOT NULL,
    realized_pnl      numeric(28,10) NOT NULL,
    total_fees        numeric(28,10) NOT NULL CONSTRAINT backtest_runs_fees_nonnegative CHECK (total_fees >= 0),
    open_positions    integer NOT NULL,
    halt_reason       text CONSTRAINT backtest_runs_halt_reason_length CHECK (length(halt_reason) <= 4000),
    -- The look-ahead check, when it was run: signals rechecked on cut data, and those that changed.
    lookahead_checked integer,
    lookahead_flagged integer,
    ran_by            text NOT NULL DEFAULT session_user,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT backtest_runs_range CHECK (from_time < to_time AND warmup_from <= from_time)
);

COMMENT ON TABLE backtest_runs IS 'Backtests (trading backtest): the strategy config, the data and its range, the simulated account, and what the run produced.';

CREATE INDEX backtest_runs_name_idx ON backtest_runs (name, run_id DESC);

CREATE TABLE backtest_fills (
    run_id              bigint NOT NULL REFERENCES backtest_runs (run_id) ON DELETE CASCADE,
    fill_id             bigint NOT NULL CONSTRAINT backtest_fills_fill_id_positive CHECK (fill_id > 0),
    order_id            bigint NOT NULL,
    decision_id         bigint,
    symbol              text NOT NULL,
    side                text NOT NULL CONSTRAINT backtest_fills_side_known CHECK (side IN ('buy', 'sell')),
    quantity            numeric(28,12) NOT NULL CONSTRAINT backtest_fills_quantity_positive CHECK (quantity > 0),
    price               numeric(28,10) NOT NULL CONSTRAINT backtest_fills_price_positive CHECK (price > 0),
    notional            numeric(28,10) NOT NULL,
    fee                 numeric(28,10) NOT NULL CONSTRAINT backtest_fills_fee_nonnegative CHECK (fee >= 0),
    liquidity           text NOT NULL CONSTRAINT backtest_fills_liquidity_known CHECK (liquidity IN ('maker', 'taker')),
    reference_price     numeric(28,10) NOT NULL,
    slippage_fraction   numeric(28,12) NOT NULL,
    slippage_cost       numeric(28,10) NOT NULL,
    decision_price      numeric(28,10),
    quote_time          timestamptz NOT NULL,
    quote_bid           numeric(28,10),
    quote_ask           numeric(28,10),
    quote_last          numeric(28,10),
    quote_bid_size      numeric(28,12),
    quote_ask_size      numeric(28,12),
    latency             interval NOT NULL DEFAULT '0',
    slippage_model      text NOT NULL,
    fee_model           text NOT NULL,
    model_parameters    text NOT NULL,
    random_seed         bigint NOT NULL,
    filled_at           timestamptz NOT NULL,
    -- The bar signal whose decision placed the order (a bracket exit: its entry's) and that bar's close.
    signal_key          text,
    decided_at          timestamptz,
    CONSTRAINT backtest_fills_pkey PRIMARY KEY (run_id, fill_id)
);

COMMENT ON TABLE backtest_fills IS 'The fills of a backtest run, with paper_fills'' columns (less account) and the bar signal behind each.';

CREATE TABLE backtest_trades (
    run_id            bigint NOT NULL REFERENCES backtest_runs (run_id) ON DELETE CASCADE,
    trade_id          bigint NOT NULL CONSTRAINT backtest_trades_trade_id_positive CHECK (trade_id > 0),
    symbol            text NOT NULL,
    side              text NOT NULL CONSTRAINT backtest_trades_side_known CHECK (side IN ('long', 'short')),
    quantity          numeric(28,12) NOT NULL CONSTRAINT backtest_trades_quantity_positive CHECK (quantity > 0),
    entry_price       numeric(28,10) NOT NULL,
    exit_price        numeric(28,10) NOT NULL,
    entry_cost        numeric(28,10) NOT NULL,
    exit_notional     numeric(28,10) NOT NULL,
    entry_time        timestamptz NOT NULL,
    exit_time         timestamptz NOT NULL,
    realized_pnl      numeric(28,10) NOT NULL,
    entry_fees        numeric(28,10) NOT NULL,
    exit_fees         numeric(28,10) NOT NULL,
    fees              numeric(28,10) GENERATED ALWAYS AS (entry_fees + exit_fees) STORED,
    net_pnl           numeric(28,10) NOT NULL,
    return_pct        numeric(28,10) GENERATED ALWAYS AS (round(net_pnl / entry_cost * 100, 6)) STORED,
    hold_duration     interval GENERATED ALWAYS AS (exit_time - entry_time) STORED,
    close_order_id    bigint NOT NULL,
    decision_id       bigint,
    agent             text,
    strategy          text,
    -- The signal behind the closing fill's decision (as paper_trades.decision_id leads to one), the one that opened the
    -- position, and the closing fill.
    signal_key        text,
    entry_signal_key  text,
    fill_id           bigint NOT NULL,
    CONSTRAINT backtest_trades_pkey PRIMARY KEY (run_id, trade_id),
    CONSTRAINT backtest_trades_net_is_gross_minus_fees CHECK (net_pnl = realized_pnl - entry_fees - exit_fees)
);

COMMENT ON TABLE backtest_trades IS 'The round trips of a backtest run, with paper_trades'' columns (less account) and the bar signals behind each.';

CREATE TABLE backtest_equity (
    run_id          bigint NOT NULL REFERENCES backtest_runs (run_id) ON DELETE CASCADE,
    time            timestamptz NOT NULL,
    equity          numeric(28,10) NOT NULL,
    cash            numeric(28,10) NOT NULL,
    positions_value numeric(28,10) NOT NULL,
    open_positions  integer NOT NULL CONSTRAINT backtest_equity_open_positions_nonnegative CHECK (open_positions >= 0),
    CONSTRAINT backtest_equity_pkey PRIMARY KEY (run_id, time)
);

COMMENT ON TABLE backtest_equity IS 'The simulated account of a backtest run at each bar close (marks: the newest quotes then) and at its end.';

-- Every numeric column refuses NaN and ±Infinity (see 0012).
DO $finite$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT cl.relname AS t, a.attname AS col
        FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid
        WHERE cl.relname IN ('backtest_runs', 'backtest_fills', 'backtest_trades', 'backtest_equity')
          AND cl.relnamespace = 'public'::regnamespace
          AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.atttypid = 'numeric'::regtype
    LOOP
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I > ''-Infinity'' AND %I < ''Infinity'')',
                       c.t, c.t || '_' || c.col || '_finite', c.col, c.col);
    END LOOP;
END
$finite$;

CREATE TRIGGER backtest_runs_stamp_login
    BEFORE INSERT ON backtest_runs
    FOR EACH ROW EXECUTE FUNCTION backtest_runs_stamp_login();

-- ---------------------------------------------------------------------------------------------------------------
-- Row-level security: the services see and write every run; everyone else reads and writes the runs it ran, and a
-- role granted read on every account ('*') reads every run. The child tables follow their run.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE backtest_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY backtest_runs_services ON backtest_runs TO trading_orchestrator, trading_operator USING (true) WITH CHECK (true);
CREATE POLICY backtest_runs_read ON backtest_runs FOR SELECT TO PUBLIC
    USING (ran_by = session_user OR ARRAY['*'] && (SELECT trading_granted_accounts('read')));
CREATE POLICY backtest_runs_insert ON backtest_runs FOR INSERT TO PUBLIC WITH CHECK (ran_by = session_user);

DO $rls$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['backtest_fills', 'backtest_trades', 'backtest_equity']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I TO trading_orchestrator, trading_operator USING (true) WITH CHECK (true)', t || '_services', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO PUBLIC USING (run_id IN (SELECT r.run_id FROM backtest_runs r))', t || '_read', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR INSERT TO PUBLIC WITH CHECK (run_id IN (SELECT r.run_id FROM backtest_runs r WHERE r.ran_by = session_user))',
                       t || '_insert', t);
    END LOOP;
END
$rls$;

-- Agents, operators and the orchestrator run backtests (`trading backtest` as their own login); readers read.
GRANT SELECT, INSERT ON backtest_runs, backtest_fills, backtest_trades, backtest_equity
    TO trading_agent, trading_operator, trading_orchestrator;
GRANT SELECT ON backtest_runs, backtest_fills, backtest_trades, backtest_equity TO trading_reader;
