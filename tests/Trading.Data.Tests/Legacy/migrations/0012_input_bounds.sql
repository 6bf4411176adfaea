-- 0012: input bounds: no NaN or ±Infinity in any numeric column, stated maxima for prices, quantities and money, no quote from the future, no silently ignored order field, and views that survive a zero capital.
--
-- Each of these let one row stop the venue for everyone (issue 18): Npgsql cannot read NaN into a decimal, a quote of
-- 9.99e17 overflows numeric(28,10) once multiplied by a quantity, a quote dated next year became every view's mark, a
-- limit price on a market order was silently dropped, and a withdrawal of all capital divided the overview by zero.
--
-- Existing rows: a new constraint that an existing row breaks stops this migration with that row in the message
-- (add_check_constraints below). Nothing is deleted or rewritten here: the operator decides what the row should be.

-- ---------------------------------------------------------------------------------------------------------------
-- Adding checks to tables that may already hold rows. One ALTER TABLE per table, so a large table (market_prices) is
-- scanned once for all its new checks. Not NOT VALID + VALIDATE: inside the migration's single transaction the ADD
-- already holds the ACCESS EXCLUSIVE lock until commit, so the split would buy no concurrency, only a second statement.
-- ---------------------------------------------------------------------------------------------------------------
CREATE PROCEDURE add_check_constraints(p_table regclass, p_names text[], p_checks text[])
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    i         integer;
    offending text;
BEGIN
    EXECUTE format('ALTER TABLE %s ', p_table)
         || (SELECT string_agg(format('ADD CONSTRAINT %I CHECK (%s)', n, c), ', ' ORDER BY o)
             FROM unnest(p_names, p_checks) WITH ORDINALITY AS x(n, c, o));
EXCEPTION WHEN check_violation THEN
    FOR i IN 1 .. cardinality(p_checks) LOOP
        EXECUTE format('SELECT t::text FROM %s AS t WHERE NOT (%s) LIMIT 1', p_table, p_checks[i]) INTO offending;
        IF offending IS NOT NULL THEN
            RAISE EXCEPTION 'cannot add constraint % to %: the existing row % breaks CHECK (%)',
                            p_names[i], p_table, offending, p_checks[i]
                USING ERRCODE = 'check_violation', CONSTRAINT = p_names[i],
                      HINT = format('SELECT * FROM %s WHERE NOT (%s) lists every such row; correct or remove them, then '
                                    'migrate again (the migration never changes data itself).', p_table, p_checks[i]);
        END IF;
    END LOOP;
    RAISE;
END;
$$;

REVOKE EXECUTE ON PROCEDURE add_check_constraints(regclass, text[], text[]) FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- Item 2: every numeric column of every table refuses NaN and ±Infinity. PostgreSQL orders NaN above every number,
-- so `x >= 0` admits it. The columns are read from the catalogue, so none is missed; a column whose own checks already
-- refuse all three values (e.g. `price > 0 AND price < 'Infinity'`) gets no second one (which would also take over the
-- error: checks run in name order). Generated columns are left out: they are computed from checked columns.
-- SchemaFiniteTests holds every later migration to the same rule: a new numeric column without such a check fails it.
-- ---------------------------------------------------------------------------------------------------------------
DO $finite$
DECLARE
    tab      record;
    col      record;
    names    text[];
    checks   text[];
    refused  boolean;
BEGIN
    FOR tab IN
        SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY c.relname
    LOOP
        names := '{}';
        checks := '{}';
        FOR col IN
            SELECT a.attnum, a.attname FROM pg_attribute a
            WHERE a.attrelid = tab.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              AND a.atttypid = 'numeric'::regtype
            ORDER BY a.attnum
        LOOP
            -- Covered already when, for each of the three values, one of the column's own checks comes out false.
            refused := true;
            FOR i IN 1 .. 3 LOOP
                DECLARE
                    value   text := (ARRAY['NaN', 'Infinity', '-Infinity'])[i];
                    con     record;
                    outcome boolean;
                    hit     boolean := false;
                BEGIN
                    FOR con IN
                        SELECT pg_get_expr(k.conbin, k.conrelid) AS expr FROM pg_constraint k
                        WHERE k.conrelid = tab.oid AND k.contype = 'c' AND k.conkey = ARRAY[col.attnum]
                    LOOP
                        EXECUTE format('SELECT %s FROM (SELECT $1::numeric AS %I) AS probe', con.expr, col.attname)
                            USING value INTO outcome;
                        hit := hit OR outcome IS FALSE;
                    END LOOP;
                    refused := refused AND hit;
                END;
            END LOOP;
            IF NOT refused THEN
                names := names || format('%s_%s_finite', tab.relname, col.attname);
                checks := checks || format('%1$I > ''-Infinity'' AND %1$I < ''Infinity''', col.attname);
            END IF;
        END LOOP;
        IF cardinality(names) > 0 THEN
            CALL add_check_constraints(tab.oid::regclass, names, checks);
        END IF;
    END LOOP;
END
$finite$;

-- ---------------------------------------------------------------------------------------------------------------
-- Item 3: the stated maxima, in this one place (Trading.Engine.Primitives.VenueLimits states the same values for C#;
-- VenueLimitsTests compares them). Each is an exclusive upper bound.
--   max_price()     10^8 per unit: a thousand times Bitcoin's price in USD, a hundred times the dearest listed share.
--   max_quantity()  10^9 units: a meme coin at 10^-5 buys 10^4 USDT of them. numeric(28,12) itself would allow 10^16.
--   max_amount()    10^15: capital, notional, fees and limits (a quadrillion of the base currency).
-- Why these: every stored amount is numeric(28,10), below 10^18. One position is worth at most
-- max_quantity x max_price = 10^17, a tenth of that; cash starts below 10^15 and moves only by what positions made, so
-- an account's equity, exposure and P&L stay below 10^18 unless it holds some ten positions each at both maxima at once.
-- Immutable functions, not a table: a CHECK may call them, and the planner folds them into constants.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION max_price() RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$ SELECT 100000000::numeric $$;

CREATE FUNCTION max_quantity() RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$ SELECT 1000000000::numeric $$;

CREATE FUNCTION max_amount() RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$ SELECT 1000000000000000::numeric $$;

-- A percent take-profit is bounded like accounts.default_take_profit_pct (<= 10000 %, a 101-fold exit price); percent
-- stop-losses and trailing offsets stay below 100 (0008). Sizes and volume in market_prices are informational (the
-- engine caps a fill at the quoted size, never multiplies it by a price), so they are only finite and non-negative.
CALL add_check_constraints('market_prices', ARRAY['market_prices_price_max'],
    ARRAY['bid < max_price() AND ask < max_price() AND last < max_price()']);
CALL add_check_constraints('instruments',
    ARRAY['instruments_tick_size_max', 'instruments_lot_size_max', 'instruments_min_notional_max'],
    ARRAY['tick_size < max_price()', 'lot_size < max_quantity()', 'min_notional < max_amount()']);
CALL add_check_constraints('accounts', ARRAY['accounts_initial_capital_max', 'accounts_min_fee_max'],
    ARRAY['initial_capital < max_amount()', 'min_fee < max_amount()']);
CALL add_check_constraints('trading_decisions',
    ARRAY['trading_decisions_price_max', 'trading_decisions_quantity_max', 'trading_decisions_notional_max',
          'trading_decisions_take_profit_percent_max'],
    ARRAY['current_price < max_price() AND limit_price < max_price() AND stop_price < max_price()
           AND (exit_unit = ''percent'' OR (stop_loss < max_price() AND take_profit < max_price() AND trailing_offset < max_price()))',
          'quantity < max_quantity()', 'notional < max_amount()',
          'exit_unit <> ''percent'' OR take_profit <= 10000']);
CALL add_check_constraints('paper_risk_limits', ARRAY['paper_risk_limits_threshold_max'], ARRAY['threshold < max_amount()']);
-- The orchestrator writes orders; the same bounds hold for what it writes, so no order can carry a level an account's
-- equity could not be computed with.
CALL add_check_constraints('paper_orders', ARRAY['paper_orders_price_max', 'paper_orders_quantity_max'],
    ARRAY['limit_price < max_price() AND stop_price < max_price() AND best_price < max_price()
           AND avg_fill_price < max_price() AND trailing_offset < max_price()',
          'quantity < max_quantity()']);

-- Deposits and withdrawals (0006's function, plus the bounds): an amount, and the cash it leaves, below max_amount().
-- CREATE OR REPLACE resets a function's attributes: it stays SECURITY DEFINER with the pinned path 0011 gave it.
CREATE OR REPLACE FUNCTION fund_account(p_account text, p_amount numeric, p_description text DEFAULT NULL)
    RETURNS numeric
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    new_cash numeric;
BEGIN
    IF p_amount IS NULL OR p_amount = 0 OR NOT (abs(p_amount) < max_amount()) THEN
        RAISE EXCEPTION 'amount must be a non-zero number below % in absolute value, got %', max_amount(), p_amount
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_cash_max';
    END IF;
    PERFORM 1 FROM accounts WHERE account = p_account FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    UPDATE accounts SET cash = cash + round(p_amount, 10) WHERE account = p_account RETURNING cash INTO new_cash;
    IF new_cash < 0 THEN
        RAISE EXCEPTION 'withdrawal of % exceeds the cash of account %', -p_amount, p_account USING ERRCODE = 'check_violation';
    END IF;
    IF new_cash >= max_amount() THEN
        RAISE EXCEPTION 'a deposit of % would take the cash of account % to %, beyond the maximum amount %',
                        p_amount, p_account, new_cash, max_amount()
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounts_cash_max';
    END IF;
    INSERT INTO paper_ledger (account, time, kind, amount, description)
    VALUES (p_account, clock_timestamp(), CASE WHEN p_amount > 0 THEN 'deposit' ELSE 'withdrawal' END, round(p_amount, 10), p_description);
    RETURN new_cash;
END;
$$;

GRANT EXECUTE ON FUNCTION max_price(), max_quantity(), max_amount() TO trading_reader, trading_agent, trading_orchestrator;

-- ---------------------------------------------------------------------------------------------------------------
-- Item 5: no quote from the future. The engine takes the newest quote at or before its clock; v_latest_prices took the
-- newest of all, so a quote stamped next year (a skewed feed clock) or at 'infinity' became every view's mark, every
-- snapshot's value and the account's peak. Two parts:
--   market_prices_time_finite   an immutable CHECK: the time is a real instant.
--   market_prices_time_not_future  a BEFORE INSERT/UPDATE row trigger: at most 5 seconds ahead of the database clock
--                               (feed clocks drift by milliseconds; 5 s is generous and still far below any staleness
--                               bound). A trigger, not a CHECK: a CHECK must give the same answer for a row forever (a
--                               restore re-checks it), and "not after now" changes its answer as time passes. A row
--                               trigger, because TimescaleDB hypertables take no transition tables; it fires on COPY too.
--                               It uses clock_timestamp(), not now(): a long COPY transaction writes quotes stamped after
--                               the transaction began. No SET search_path on the function: it names pg_catalog only.
-- ---------------------------------------------------------------------------------------------------------------
CALL add_check_constraints('market_prices', ARRAY['market_prices_time_finite'],
    ARRAY['time > ''-infinity'' AND time < ''infinity''']);

CREATE FUNCTION market_prices_refuse_future() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'quote time % is more than 5 seconds ahead of the database clock (%)', NEW.time, pg_catalog.clock_timestamp()
        USING ERRCODE = 'check_violation', CONSTRAINT = 'market_prices_time_not_future', TABLE = 'market_prices', COLUMN = 'time',
              HINT = 'Stamp quotes with the exchange''s event time or the feed''s clock, kept in sync with NTP.';
END;
$$;

-- The test is the trigger's WHEN: evaluated inline per row, so the function (and its per-call cost on the ingest path)
-- runs only for a row it refuses.
CREATE TRIGGER market_prices_refuse_future
    BEFORE INSERT OR UPDATE OF time ON market_prices
    FOR EACH ROW WHEN (NEW.time > pg_catalog.clock_timestamp() + interval '5 seconds')
    EXECUTE FUNCTION market_prices_refuse_future();

-- The views' "latest" is the engine's: the newest quote at or before now (ExecutionStore: m.time <= the execution time).
-- A quote up to 5 s ahead is accepted above and becomes the mark once its time has come. Columns as in 0003.
CREATE OR REPLACE VIEW v_latest_prices AS
SELECT i.symbol,
       q.time,
       q.bid,
       q.ask,
       q.last,
       COALESCE((q.bid + q.ask) / 2, q.last) AS mark_price
FROM instruments i
CROSS JOIN LATERAL (
    SELECT m.time, m.bid, m.ask, m.last
    FROM market_prices m
    WHERE m.symbol = i.symbol AND m.time <= now()
    ORDER BY m.time DESC
    LIMIT 1
) q;

-- ---------------------------------------------------------------------------------------------------------------
-- Item 11: no silently ignored field. A limit price on a market order (a BUY "limit 1" filled at 100,100), a stop price
-- on a limit order, an expiry on a GTC order were accepted and dropped. Refused now, each by its name. Valid combinations
-- of the README stay valid: a trailing_offset is the order's own distance on a trailing_stop and a bracket exit on any
-- other entry, so it is allowed on every type; stop_loss / take_profit bracket any order type.
--   limit_price_only_limit   limit_price only on limit and stop_limit orders
--   stop_price_only_stop     stop_price only on stop and stop_limit orders (a trailing stop's level comes from its offset)
--   expires_at_only_gtd      expires_at only with time_in_force gtd (day orders expire at UTC midnight by rule)
--   expires_at_finite        never 'infinity' (that is gtc) nor '-infinity'
-- exit_unit 'percent' without a level is left alone: nothing the agent asked for is lost (an account's default exits are
-- percentages anyway), and agents that always send it (the project's own test workload does) keep working.
-- ---------------------------------------------------------------------------------------------------------------
CALL add_check_constraints('trading_decisions',
    ARRAY['trading_decisions_limit_price_only_limit', 'trading_decisions_stop_price_only_stop',
          'trading_decisions_expires_at_only_gtd', 'trading_decisions_expires_at_finite'],
    ARRAY['limit_price IS NULL OR order_type IN (''limit'', ''stop_limit'')',
          'stop_price IS NULL OR order_type IN (''stop'', ''stop_limit'')',
          'expires_at IS NULL OR time_in_force = ''gtd''',
          'expires_at > ''-infinity'' AND expires_at < ''infinity''']);

-- ---------------------------------------------------------------------------------------------------------------
-- Item 4: a zero capital divides nothing by zero. withdraw('h-zero', 10000) of all of an account's capital made the
-- overview divide by zero for every reader and every snapshot tick. A percentage of a capital base that is zero or
-- negative (everything withdrawn; more withdrawn than paid in, after profits) has no meaning, so it is NULL there, not
-- 0 (which would read as "broke even") and not relative to something else (which would change its meaning elsewhere).
-- Every division by a capital, an equity or a peak on the read side, in its newest definition, with only that change:
--   v_paper_portfolio_overview.total_pnl_pct  (0009)   / (initial capital + net deposits)
--   v_paper_daily_pnl.return_pct              (0007)   / (opening value + the day's net deposits)
--   v_paper_equity_curve.drawdown_pct         (0003)   / running peak
--   paper_add_snapshots drawdown percent      (0010)   / running peak: in the snapshot tick's transaction, so a first
--                                                        snapshot of 0 stopped every account's snapshots
-- Unchanged because already guarded: v_paper_open_positions (cost_basis > 0 by CHECK), v_paper_performance_metrics
-- (NULLIF; reads v_paper_daily_pnl, whose NULL returns avg() skips), v_paper_account_epochs and order_violations (NULLIF),
-- get_portfolio_value (reads the overview).
-- paper_portfolio_snapshots.total_pnl_pct copies the overview's, so it may be NULL too.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE paper_portfolio_snapshots ALTER COLUMN total_pnl_pct DROP NOT NULL;

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
       CASE WHEN a.initial_capital + COALESCE(d.net_deposits, 0) > 0
            THEN round((a.cash + COALESCE(p.positions_value, 0) - a.initial_capital - COALESCE(d.net_deposits, 0))
                       / (a.initial_capital + COALESCE(d.net_deposits, 0)) * 100, 4) END AS total_pnl_pct,
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

CREATE OR REPLACE VIEW v_paper_daily_pnl AS
WITH funding AS (
    SELECT account, (time AT TIME ZONE 'UTC')::date AS day, sum(amount) AS net_deposits
    FROM paper_ledger
    WHERE kind IN ('deposit', 'withdrawal')
    GROUP BY 1, 2
), days AS (
    SELECT d.account, d.day, d.close_value AS closing_value,
           COALESCE(lag(d.close_value) OVER (PARTITION BY d.account ORDER BY d.day), a.initial_capital) AS opening_value,
           d.trades, d.wins, d.realized_pnl, d.fees
    FROM paper_daily_equity d
    JOIN accounts a ON a.account = d.account
    WHERE d.close_value IS NOT NULL
)
SELECT d.account,
       d.day,
       d.opening_value,
       d.closing_value,
       d.closing_value - d.opening_value - COALESCE(f.net_deposits, 0)                       AS pnl,
       CASE WHEN d.opening_value + COALESCE(f.net_deposits, 0) > 0
            THEN round((d.closing_value - d.opening_value - COALESCE(f.net_deposits, 0))
                       / (d.opening_value + COALESCE(f.net_deposits, 0)) * 100, 4) END      AS return_pct,
       d.trades,
       d.wins,
       d.realized_pnl::numeric                                                              AS realized_pnl,
       d.fees::numeric                                                                      AS fees,
       COALESCE(f.net_deposits, 0)                                                          AS net_deposits
FROM days d
LEFT JOIN funding f ON f.account = d.account AND f.day = d.day;

CREATE OR REPLACE VIEW v_paper_equity_curve AS
SELECT s.account,
       s.time,
       s.cash,
       s.positions_value,
       s.total_value,
       s.total_pnl,
       s.total_pnl_pct,
       s.num_positions,
       max(s.total_value) OVER w                                         AS peak_value,
       s.total_value - max(s.total_value) OVER w                         AS drawdown,
       CASE WHEN max(s.total_value) OVER w > 0
            THEN round((s.total_value - max(s.total_value) OVER w) / max(s.total_value) OVER w * 100, 4) END AS drawdown_pct
FROM paper_portfolio_snapshots s
WINDOW w AS (PARTITION BY s.account ORDER BY s.time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

CREATE OR REPLACE FUNCTION paper_add_snapshots(p_account text[], p_time timestamptz[], p_value numeric[])
    RETURNS void
    LANGUAGE sql AS
$$
    WITH s AS (
        SELECT * FROM unnest(p_account, p_time, p_value) AS s(account, time, value)
    ), curve AS (
        SELECT account, time, value,
               max(value) OVER (PARTITION BY account ORDER BY time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS peak
        FROM s
    ), per_account AS (
        SELECT c.account, max(c.value) AS peak_in, min(c.value - GREATEST(c.peak, COALESCE(st.peak_value, c.peak))) AS dd,
               min(CASE WHEN GREATEST(c.peak, COALESCE(st.peak_value, c.peak)) > 0
                        THEN round((c.value - GREATEST(c.peak, COALESCE(st.peak_value, c.peak))) / GREATEST(c.peak, COALESCE(st.peak_value, c.peak)) * 100, 4) END) AS dd_pct
        FROM curve c LEFT JOIN paper_account_stats st ON st.account = c.account
        GROUP BY c.account
    )
    INSERT INTO paper_account_stats AS st (account, peak_value, max_drawdown, max_drawdown_pct)
    SELECT account, peak_in, LEAST(dd, 0), LEAST(dd_pct, 0) FROM per_account
    ORDER BY account
    ON CONFLICT (account) DO UPDATE SET
        peak_value = GREATEST(st.peak_value, EXCLUDED.peak_value),
        max_drawdown = LEAST(st.max_drawdown, EXCLUDED.max_drawdown),
        max_drawdown_pct = LEAST(st.max_drawdown_pct, EXCLUDED.max_drawdown_pct);

    INSERT INTO paper_daily_equity AS d (account, day, first_time, open_value, last_time, close_value)
    SELECT DISTINCT ON (account, (time AT TIME ZONE 'UTC')::date) account, (time AT TIME ZONE 'UTC')::date,
           min(time) OVER w, first_value(value) OVER w, time, value
    FROM unnest(p_account, p_time, p_value) AS s(account, time, value)
    WINDOW w AS (PARTITION BY account, (time AT TIME ZONE 'UTC')::date ORDER BY time)
    ORDER BY account, (time AT TIME ZONE 'UTC')::date, time DESC
    ON CONFLICT (account, day) DO UPDATE SET
        first_time = CASE WHEN d.first_time IS NULL OR EXCLUDED.first_time <= d.first_time THEN EXCLUDED.first_time ELSE d.first_time END,
        open_value = CASE WHEN d.first_time IS NULL OR EXCLUDED.first_time <= d.first_time THEN EXCLUDED.open_value ELSE d.open_value END,
        last_time = CASE WHEN d.last_time IS NULL OR EXCLUDED.last_time >= d.last_time THEN EXCLUDED.last_time ELSE d.last_time END,
        close_value = CASE WHEN d.last_time IS NULL OR EXCLUDED.last_time >= d.last_time THEN EXCLUDED.close_value ELSE d.close_value END;
$$;
