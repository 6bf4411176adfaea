-- 0012: input bounds: no NaN or ±Infinity in any numeric column, stated maxima for prices, quantities and money, no quote from the future, no silently ignored order field, and views that survive a zero capital.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- Each of these let one row stop the venue for everyone (issue 18): Npgsql cannot read NaN into a decimal, a quote of
-- 9.99e17 overflows numeric(28,10) once multiplied by a quantity, a quote dated next year became every view's mark, a
-- limit price on a market order was silently dropped, and a withdrawal of all capital divided the overview by zero.
--
-- Existing rows: a new constraint that an existing row breaks stops this migration with that row in the message
-- (add_check_constraints below). Nothing is deleted or rewritten here: the operator decides what the row should be.

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

-- The test is the trigger's WHEN: evaluated inline per row, so the function (and its per-call cost on the ingest path)
-- runs only for a row it refuses.
CREATE TRIGGER market_prices_refuse_future
    BEFORE INSERT OR UPDATE OF time ON market_prices
    FOR EACH ROW WHEN (NEW.time > pg_catalog.clock_timestamp() + interval '5 seconds')
    EXECUTE FUNCTION market_prices_refuse_future();

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
