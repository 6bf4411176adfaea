-- 0001: accounts, instruments, decisions, market data and the paper ledger: the tables agents and the orchestrator share.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- Conventions: money and prices numeric(28,10), quantities numeric(28,12) (p <= 28 so every value fits a C# decimal);
-- every account-owned row carries `account` (the shard key, see ARCHITECTURE.md "Scale"); time columns are timestamptz.

-- ---------------------------------------------------------------------------------------------------------------
-- Accounts: the seed's paper_trading_config, generalised to many named accounts.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE accounts (
    account                 text PRIMARY KEY
                            CONSTRAINT accounts_account_format CHECK (account ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    base_currency           text NOT NULL DEFAULT 'USDT'
                            CONSTRAINT accounts_currency_format CHECK (base_currency ~ '^[A-Z]{3,5}$'),
    initial_capital         numeric(28,10) NOT NULL DEFAULT 10000
                            CONSTRAINT accounts_initial_capital_positive CHECK (initial_capital > 0),
    -- Cash is owned by the orchestrator; the invariant cash = initial_capital + sum(paper_ledger.amount) holds at every commit.
    cash                    numeric(28,10) NOT NULL DEFAULT 10000,
    fee_rate                numeric(12,8) NOT NULL DEFAULT 0.001
                            CONSTRAINT accounts_fee_rate_range CHECK (fee_rate >= 0 AND fee_rate < 0.1),
    maker_fee_rate          numeric(12,8)
                            CONSTRAINT accounts_maker_fee_rate_range CHECK (maker_fee_rate >= 0 AND maker_fee_rate < 0.1),
    min_fee                 numeric(28,10) NOT NULL DEFAULT 1
                            CONSTRAINT accounts_min_fee_nonnegative CHECK (min_fee >= 0),
    slippage_model          text NOT NULL DEFAULT 'seed'
                            CONSTRAINT accounts_slippage_model_known CHECK (slippage_model IN ('none', 'fixed', 'seed')),
    slippage_rate           numeric(12,8) NOT NULL DEFAULT 0.0005
                            CONSTRAINT accounts_slippage_rate_range CHECK (slippage_rate >= 0 AND slippage_rate < 0.1),
    spread_fraction         numeric(12,8) NOT NULL DEFAULT 0.0002
                            CONSTRAINT accounts_spread_fraction_range CHECK (spread_fraction >= 0 AND spread_fraction < 0.1),
    max_position_fraction   numeric(6,4) NOT NULL DEFAULT 0.20
                            CONSTRAINT accounts_max_position_fraction_range CHECK (max_position_fraction > 0 AND max_position_fraction <= 1),
    allow_shorting          boolean NOT NULL DEFAULT false,
    leverage                numeric(6,2) NOT NULL DEFAULT 1
                            CONSTRAINT accounts_leverage_range CHECK (leverage >= 1 AND leverage <= 100),
    allow_partial_size      boolean NOT NULL DEFAULT false,
    confidence_threshold    numeric(5,4) NOT NULL DEFAULT 0.60
                            CONSTRAINT accounts_confidence_threshold_range CHECK (confidence_threshold >= 0 AND confidence_threshold <= 1),
    staleness_bound         interval NOT NULL DEFAULT '60 seconds'
                            CONSTRAINT accounts_staleness_bound_positive CHECK (staleness_bound > interval '0'),
    latency                 interval NOT NULL DEFAULT '0'
                            CONSTRAINT accounts_latency_nonnegative CHECK (latency >= interval '0' AND latency < interval '1 hour'),
    random_seed             bigint NOT NULL DEFAULT 42,
    halted                  boolean NOT NULL DEFAULT false,
    halt_reason             text,
    created_at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT accounts_halt_has_reason CHECK (NOT halted OR halt_reason IS NOT NULL)
);

COMMENT ON TABLE accounts IS 'Paper accounts and their simulation settings (the seed''s paper_trading_config, one row per account).';

-- The default account; ON CONFLICT keeps a re-run from resetting anyone's cash (a seed bug).
INSERT INTO accounts (account) VALUES ('default') ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Instruments: what may be traded, with the exchange's tick and lot sizes.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE instruments (
    symbol          text PRIMARY KEY
                    CONSTRAINT instruments_symbol_format CHECK (symbol ~ '^[A-Z0-9]{1,20}(/[A-Z0-9]{1,20})?$'),
    tick_size       numeric(28,10) NOT NULL DEFAULT 0.01 CONSTRAINT instruments_tick_size_positive CHECK (tick_size > 0),
    lot_size        numeric(28,12) NOT NULL DEFAULT 0.00001 CONSTRAINT instruments_lot_size_positive CHECK (lot_size > 0),
    min_notional    numeric(28,10) NOT NULL DEFAULT 0 CONSTRAINT instruments_min_notional_nonnegative CHECK (min_notional >= 0),
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES
    ('BTC/USDT', 0.01, 0.00001, 5),
    ('ETH/USDT', 0.01, 0.0001, 5),
    ('SOL/USDT', 0.01, 0.001, 5)
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Decisions: the only table agents write.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE trading_decisions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account         text NOT NULL DEFAULT 'default' REFERENCES accounts (account) ON UPDATE CASCADE,
    agent           text CONSTRAINT trading_decisions_agent_length CHECK (length(agent) <= 200),
    strategy        text CONSTRAINT trading_decisions_strategy_length CHECK (length(strategy) <= 200),
    symbol          text NOT NULL REFERENCES instruments (symbol),
    decision        text NOT NULL
                    CONSTRAINT trading_decisions_decision_known CHECK (decision IN ('BUY', 'SELL', 'CLOSE', 'HOLD')),
    confidence      numeric(5,4) NOT NULL
                    CONSTRAINT trading_decisions_confidence_range CHECK (confidence >= 0 AND confidence <= 1),
    risk_score      numeric(5,4)
                    CONSTRAINT trading_decisions_risk_score_range CHECK (risk_score >= 0 AND risk_score <= 1),
    reasoning       text CONSTRAINT trading_decisions_reasoning_length CHECK (length(reasoning) <= 20000),
    current_price   numeric(28,10)
                    CONSTRAINT trading_decisions_current_price_positive CHECK (current_price > 0 AND current_price < 'Infinity'),
    quantity        numeric(28,12)
                    CONSTRAINT trading_decisions_quantity_positive CHECK (quantity > 0 AND quantity < 'Infinity'),
    notional        numeric(28,10)
                    CONSTRAINT trading_decisions_notional_positive CHECK (notional > 0 AND notional < 'Infinity'),
    order_type      text NOT NULL DEFAULT 'market'
                    CONSTRAINT trading_decisions_order_type_known
                    CHECK (order_type IN ('market', 'limit', 'stop', 'stop_limit', 'trailing_stop')),
    limit_price     numeric(28,10)
                    CONSTRAINT trading_decisions_limit_price_positive CHECK (limit_price > 0 AND limit_price < 'Infinity'),
    stop_price      numeric(28,10)
                    CONSTRAINT trading_decisions_stop_price_positive CHECK (stop_price > 0 AND stop_price < 'Infinity'),
    stop_loss       numeric(28,10)
                    CONSTRAINT trading_decisions_stop_loss_positive CHECK (stop_loss > 0 AND stop_loss < 'Infinity'),
    take_profit     numeric(28,10)
                    CONSTRAINT trading_decisions_take_profit_positive CHECK (take_profit > 0 AND take_profit < 'Infinity'),
    trailing_offset numeric(28,10)
                    CONSTRAINT trading_decisions_trailing_offset_positive CHECK (trailing_offset > 0 AND trailing_offset < 'Infinity'),
    time_in_force   text NOT NULL DEFAULT 'gtc'
                    CONSTRAINT trading_decisions_time_in_force_known CHECK (time_in_force IN ('gtc', 'day', 'ioc', 'fok', 'gtd')),
    expires_at      timestamptz,
    idempotency_key text CONSTRAINT trading_decisions_idempotency_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    status          text NOT NULL DEFAULT 'pending'
                    CONSTRAINT trading_decisions_status_known
                    CHECK (status IN ('pending', 'executed', 'skipped', 'rejected', 'failed', 'expired')),
    status_reason   text,
    order_id        bigint,
    attempts        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    processed_at    timestamptz,
    CONSTRAINT trading_decisions_size_exclusive CHECK (quantity IS NULL OR notional IS NULL),
    CONSTRAINT trading_decisions_limit_needs_price
        CHECK (order_type NOT IN ('limit', 'stop_limit') OR limit_price IS NOT NULL),
    CONSTRAINT trading_decisions_stop_needs_price
        CHECK (order_type NOT IN ('stop', 'stop_limit') OR stop_price IS NOT NULL),
    CONSTRAINT trading_decisions_trailing_needs_offset
        CHECK (order_type <> 'trailing_stop' OR trailing_offset IS NOT NULL),
    CONSTRAINT trading_decisions_gtd_needs_expiry CHECK (time_in_force <> 'gtd' OR expires_at IS NOT NULL),
    CONSTRAINT trading_decisions_terminal_has_reason
        CHECK ((status = 'pending') = (processed_at IS NULL) AND (status = 'pending' OR status_reason IS NOT NULL)),
    CONSTRAINT trading_decisions_executed_has_order CHECK ((status = 'executed') = (order_id IS NOT NULL)),
    CONSTRAINT trading_decisions_account_id_unique UNIQUE (account, id),
    CONSTRAINT trading_decisions_idempotency_key_unique UNIQUE (account, idempotency_key)
);

COMMENT ON TABLE trading_decisions IS
    'Trading decisions written by agents. The orchestrator owns status, status_reason, processed_at and order_id.';

-- The claim path: the oldest pending decisions of one account, in insertion order. Small: only pending rows.
CREATE INDEX trading_decisions_pending_idx ON trading_decisions (account, id) WHERE status = 'pending';
CREATE INDEX trading_decisions_account_created_idx ON trading_decisions (account, created_at);

CREATE TRIGGER trading_decisions_before_insert
    BEFORE INSERT ON trading_decisions
    FOR EACH ROW EXECUTE FUNCTION trading_decisions_before_insert();

CREATE TRIGGER trading_decisions_notify
    AFTER INSERT ON trading_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION trading_decisions_notify();

-- ---------------------------------------------------------------------------------------------------------------
-- Market data. (symbol, time) is the key: it de-duplicates feeds, answers "newest quote" by index, and carries the
-- time column as a hypertable's keys must.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE market_prices (
    time        timestamptz NOT NULL,
    symbol      text NOT NULL,
    bid         numeric(28,10) CONSTRAINT market_prices_bid_positive CHECK (bid > 0 AND bid < 'Infinity'),
    ask         numeric(28,10) CONSTRAINT market_prices_ask_positive CHECK (ask > 0 AND ask < 'Infinity'),
    last        numeric(28,10) CONSTRAINT market_prices_last_positive CHECK (last > 0 AND last < 'Infinity'),
    bid_size    numeric(28,12) CONSTRAINT market_prices_bid_size_nonnegative CHECK (bid_size >= 0),
    ask_size    numeric(28,12) CONSTRAINT market_prices_ask_size_nonnegative CHECK (ask_size >= 0),
    volume      numeric(28,12) CONSTRAINT market_prices_volume_nonnegative CHECK (volume >= 0),
    source      text,
    CONSTRAINT market_prices_pkey PRIMARY KEY (symbol, time),
    CONSTRAINT market_prices_has_price CHECK ((bid IS NOT NULL AND ask IS NOT NULL) OR last IS NOT NULL),
    CONSTRAINT market_prices_not_crossed CHECK (bid IS NULL OR ask IS NULL OR bid <= ask)
);

-- ---------------------------------------------------------------------------------------------------------------
-- Orders and fills.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE paper_orders (
    order_id        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    account         text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    -- A decision has at most one order: the database itself refuses a second execution.
    decision_id     bigint CONSTRAINT paper_orders_decision_unique UNIQUE,
    symbol          text NOT NULL REFERENCES instruments (symbol),
    side            text NOT NULL CONSTRAINT paper_orders_side_known CHECK (side IN ('buy', 'sell')),
    order_type      text NOT NULL
                    CONSTRAINT paper_orders_order_type_known
                    CHECK (order_type IN ('market', 'limit', 'stop', 'stop_limit', 'trailing_stop')),
    time_in_force   text NOT NULL DEFAULT 'gtc'
                    CONSTRAINT paper_orders_time_in_force_known CHECK (time_in_force IN ('gtc', 'day', 'ioc', 'fok', 'gtd')),
    quantity        numeric(28,12) NOT NULL CONSTRAINT paper_orders_quantity_positive CHECK (quantity > 0),
    limit_price     numeric(28,10),
    stop_price      numeric(28,10),
    status          text NOT NULL
                    CONSTRAINT paper_orders_status_known
                    CHECK (status IN ('new', 'open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired')),
    filled_quantity numeric(28,12) NOT NULL DEFAULT 0,
    avg_fill_price  numeric(28,10),
    reason          text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT paper_orders_fill_bounded CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
    CONSTRAINT paper_orders_decision_fk
        FOREIGN KEY (account, decision_id) REFERENCES trading_decisions (account, id)
);

CREATE INDEX paper_orders_account_created_idx ON paper_orders (account, created_at);

ALTER TABLE trading_decisions
    ADD CONSTRAINT trading_decisions_order_fk FOREIGN KEY (order_id) REFERENCES paper_orders (order_id);

CREATE TABLE paper_fills (
    fill_id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    order_id            bigint NOT NULL REFERENCES paper_orders (order_id),
    account             text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    symbol              text NOT NULL,
    side                text NOT NULL CONSTRAINT paper_fills_side_known CHECK (side IN ('buy', 'sell')),
    quantity            numeric(28,12) NOT NULL CONSTRAINT paper_fills_quantity_positive CHECK (quantity > 0),
    -- The price paid or received, slippage included. Slippage is reported beside it, never charged again.
    price               numeric(28,10) NOT NULL CONSTRAINT paper_fills_price_positive CHECK (price > 0),
    notional            numeric(28,10) NOT NULL,
    fee                 numeric(28,10) NOT NULL CONSTRAINT paper_fills_fee_nonnegative CHECK (fee >= 0),
    liquidity           text NOT NULL CONSTRAINT paper_fills_liquidity_known CHECK (liquidity IN ('maker', 'taker')),
    reference_price     numeric(28,10) NOT NULL,
    slippage_fraction   numeric(28,12) NOT NULL,
    slippage_cost       numeric(28,10) NOT NULL,
    decision_price      numeric(28,10),
    -- Provenance: enough to explain the fill with a query.
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
    filled_at           timestamptz NOT NULL
);

CREATE INDEX paper_fills_order_idx ON paper_fills (order_id);
CREATE INDEX paper_fills_account_time_idx ON paper_fills (account, filled_at);

-- ---------------------------------------------------------------------------------------------------------------
-- Positions: one net row per (account, symbol); a flat position has no row.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE paper_positions (
    account         text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    symbol          text NOT NULL REFERENCES instruments (symbol),
    side            text NOT NULL CONSTRAINT paper_positions_side_known CHECK (side IN ('long', 'short')),
    quantity        numeric(28,12) NOT NULL CONSTRAINT paper_positions_quantity_positive CHECK (quantity > 0),
    -- Exact money paid (long) or received (short) for the open quantity; the average price is derived from it.
    cost_basis      numeric(28,10) NOT NULL CONSTRAINT paper_positions_cost_basis_positive CHECK (cost_basis > 0),
    -- Entry fees of the open quantity not yet allocated to a closed trade.
    entry_fees      numeric(28,10) NOT NULL DEFAULT 0 CONSTRAINT paper_positions_entry_fees_nonnegative CHECK (entry_fees >= 0),
    signed_quantity numeric(28,12) GENERATED ALWAYS AS (CASE side WHEN 'long' THEN quantity ELSE -quantity END) STORED,
    avg_entry_price numeric(28,10) GENERATED ALWAYS AS (round(cost_basis / NULLIF(quantity, 0), 10)) STORED,
    opened_at       timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT paper_positions_pkey PRIMARY KEY (account, symbol)
);

-- ---------------------------------------------------------------------------------------------------------------
-- Closed trades: one row per closing fill, for the quantity it closed.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE paper_trades (
    trade_id        bigint GENERATED BY DEFAULT AS IDENTITY,
    account         text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    symbol          text NOT NULL,
    side            text NOT NULL CONSTRAINT paper_trades_side_known CHECK (side IN ('long', 'short')),
    quantity        numeric(28,12) NOT NULL CONSTRAINT paper_trades_quantity_positive CHECK (quantity > 0),
    entry_price     numeric(28,10) NOT NULL,
    exit_price      numeric(28,10) NOT NULL,
    entry_cost      numeric(28,10) NOT NULL,
    exit_notional   numeric(28,10) NOT NULL,
    entry_time      timestamptz NOT NULL,
    exit_time       timestamptz NOT NULL,
    -- realized_pnl keeps the seed's name: the gross price P&L of the closed quantity.
    realized_pnl    numeric(28,10) NOT NULL,
    entry_fees      numeric(28,10) NOT NULL,
    exit_fees       numeric(28,10) NOT NULL,
    fees            numeric(28,10) GENERATED ALWAYS AS (entry_fees + exit_fees) STORED,
    net_pnl         numeric(28,10) NOT NULL,
    return_pct      numeric(28,10) GENERATED ALWAYS AS (round(net_pnl / entry_cost * 100, 6)) STORED,
    hold_duration   interval GENERATED ALWAYS AS (exit_time - entry_time) STORED,
    close_order_id  bigint NOT NULL,
    decision_id     bigint,
    agent           text,
    strategy        text,
    CONSTRAINT paper_trades_pkey PRIMARY KEY (trade_id, exit_time),
    CONSTRAINT paper_trades_net_is_gross_minus_fees CHECK (net_pnl = realized_pnl - entry_fees - exit_fees)
);

CREATE INDEX paper_trades_account_exit_idx ON paper_trades (account, exit_time DESC);

-- ---------------------------------------------------------------------------------------------------------------
-- The cash ledger: every cash movement, so that accounts.cash = initial_capital + sum(amount) at every commit.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE paper_ledger (
    entry_id    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    account     text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    time        timestamptz NOT NULL,
    kind        text NOT NULL CONSTRAINT paper_ledger_kind_known
                CHECK (kind IN ('trade', 'fee', 'deposit', 'withdrawal', 'adjustment')),
    amount      numeric(28,10) NOT NULL,
    symbol      text,
    order_id    bigint REFERENCES paper_orders (order_id),
    fill_id     bigint REFERENCES paper_fills (fill_id),
    description text
);

CREATE INDEX paper_ledger_account_time_idx ON paper_ledger (account, time);

-- ---------------------------------------------------------------------------------------------------------------
-- Portfolio snapshots: the mark-to-market time series. One row per account and interval bucket (idempotent).
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE paper_portfolio_snapshots (
    time                timestamptz NOT NULL,
    account             text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    cash                numeric(28,10) NOT NULL,
    positions_value     numeric(28,10) NOT NULL,
    total_value         numeric(28,10) NOT NULL,
    gross_exposure      numeric(28,10) NOT NULL,
    unrealized_pnl      numeric(28,10) NOT NULL,
    realized_pnl        numeric(28,10) NOT NULL,
    total_pnl           numeric(28,10) NOT NULL,
    total_pnl_pct       numeric(28,10) NOT NULL,
    num_positions       integer NOT NULL,
    CONSTRAINT paper_portfolio_snapshots_pkey PRIMARY KEY (account, time)
);
