-- 0007: read-side aggregates kept in step with the writes, so the performance views answer in milliseconds at a million trades.
--
-- paper_account_stats and paper_daily_equity are maintained in the same transactions as the rows they summarise: the
-- orchestrator's batch write adds its trades to them, the mark-to-market tick adds its snapshots. History loaded by
-- other means (imports, hand-made fixtures) is folded in with refresh_account_stats(); invariants() audits them.

CREATE TABLE paper_account_stats (
    account             text PRIMARY KEY REFERENCES accounts (account) ON UPDATE CASCADE,
    total_trades        bigint NOT NULL DEFAULT 0,
    winning_trades      bigint NOT NULL DEFAULT 0,
    losing_trades       bigint NOT NULL DEFAULT 0,
    net_pnl             numeric(28,10) NOT NULL DEFAULT 0,
    gross_pnl           numeric(28,10) NOT NULL DEFAULT 0,
    fees                numeric(28,10) NOT NULL DEFAULT 0,
    sum_wins            numeric(28,10) NOT NULL DEFAULT 0,
    sum_losses          numeric(28,10) NOT NULL DEFAULT 0,
    largest_win         numeric(28,10),
    largest_loss        numeric(28,10),
    total_hold          interval NOT NULL DEFAULT '0',
    first_exit          timestamptz,
    last_exit           timestamptz,
    -- The equity curve's running peak and deepest fall from it, over the snapshots.
    peak_value          numeric(28,10),
    max_drawdown        numeric(28,10) NOT NULL DEFAULT 0,
    max_drawdown_pct    numeric(28,10) NOT NULL DEFAULT 0
);

-- One row per account and UTC day: the day's first and last snapshot equity, and its closed trades.
CREATE TABLE paper_daily_equity (
    account         text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    day             date NOT NULL,
    first_time      timestamptz,
    open_value      numeric(28,10),
    last_time       timestamptz,
    close_value     numeric(28,10),
    trades          bigint NOT NULL DEFAULT 0,
    wins            bigint NOT NULL DEFAULT 0,
    realized_pnl    numeric(28,10) NOT NULL DEFAULT 0,
    fees            numeric(28,10) NOT NULL DEFAULT 0,
    CONSTRAINT paper_daily_equity_pkey PRIMARY KEY (account, day)
);

-- Deposits are a handful of rows among millions of fills' ledger entries.
CREATE INDEX paper_ledger_funding_idx ON paper_ledger (account) WHERE kind IN ('deposit', 'withdrawal');

-- Adds closed trades to the aggregates. Called by the orchestrator's batch write with the rows it inserted.
CREATE FUNCTION paper_add_trades(p_account text[], p_exit_time timestamptz[], p_net numeric[], p_gross numeric[], p_fees numeric[], p_hold interval[])
    RETURNS void
    LANGUAGE sql AS
$$
    WITH t AS (
        SELECT * FROM unnest(p_account, p_exit_time, p_net, p_gross, p_fees, p_hold) AS t(account, exit_time, net, gross, fees, hold)
    ), per_account AS (
        INSERT INTO paper_account_stats AS s (account, total_trades, winning_trades, losing_trades, net_pnl, gross_pnl, fees,
                                              sum_wins, sum_losses, largest_win, largest_loss, total_hold, first_exit, last_exit)
        SELECT account, count(*), count(*) FILTER (WHERE net > 0), count(*) FILTER (WHERE net < 0), sum(net), sum(gross), sum(fees),
               COALESCE(sum(net) FILTER (WHERE net > 0), 0), COALESCE(sum(net) FILTER (WHERE net < 0), 0), max(net), min(net),
               sum(hold), min(exit_time), max(exit_time)
        FROM t GROUP BY account
        ORDER BY account  -- every writer locks stats rows in account order: no deadlock between them
        ON CONFLICT (account) DO UPDATE SET
            total_trades = s.total_trades + EXCLUDED.total_trades,
            winning_trades = s.winning_trades + EXCLUDED.winning_trades,
            losing_trades = s.losing_trades + EXCLUDED.losing_trades,
            net_pnl = s.net_pnl + EXCLUDED.net_pnl,
            gross_pnl = s.gross_pnl + EXCLUDED.gross_pnl,
            fees = s.fees + EXCLUDED.fees,
            sum_wins = s.sum_wins + EXCLUDED.sum_wins,
            sum_losses = s.sum_losses + EXCLUDED.sum_losses,
            largest_win = GREATEST(s.largest_win, EXCLUDED.largest_win),
            largest_loss = LEAST(s.largest_loss, EXCLUDED.largest_loss),
            total_hold = s.total_hold + EXCLUDED.total_hold,
            first_exit = LEAST(s.first_exit, EXCLUDED.first_exit),
            last_exit = GREATEST(s.last_exit, EXCLUDED.last_exit)
    )
    INSERT INTO paper_daily_equity AS d (account, day, trades, wins, realized_pnl, fees)
    SELECT account, (exit_time AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE net > 0), sum(net), sum(fees)
    FROM t GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (account, day) DO UPDATE SET
        trades = d.trades + EXCLUDED.trades,
        wins = d.wins + EXCLUDED.wins,
        realized_pnl = d.realized_pnl + EXCLUDED.realized_pnl,
        fees = d.fees + EXCLUDED.fees
$$;

-- Adds snapshots to the aggregates (the day's first and last equity; the running peak and the deepest drawdown).
-- Called by the mark-to-market tick with the snapshots it wrote.
CREATE FUNCTION paper_add_snapshots(p_account text[], p_time timestamptz[], p_value numeric[])
    RETURNS void
    LANGUAGE sql AS
$$
    WITH s AS (
        SELECT * FROM unnest(p_account, p_time, p_value) AS s(account, time, value)
    ), days AS (
        INSERT INTO paper_daily_equity AS d (account, day, first_time, open_value, last_time, close_value)
        SELECT DISTINCT ON (account, (time AT TIME ZONE 'UTC')::date) account, (time AT TIME ZONE 'UTC')::date,
               min(time) OVER w, first_value(value) OVER w, time, value
        FROM s
        WINDOW w AS (PARTITION BY account, (time AT TIME ZONE 'UTC')::date ORDER BY time)
        ORDER BY account, (time AT TIME ZONE 'UTC')::date, time DESC
        ON CONFLICT (account, day) DO UPDATE SET
            first_time = CASE WHEN d.first_time IS NULL OR EXCLUDED.first_time <= d.first_time THEN EXCLUDED.first_time ELSE d.first_time END,
            open_value = CASE WHEN d.first_time IS NULL OR EXCLUDED.first_time <= d.first_time THEN EXCLUDED.open_value ELSE d.open_value END,
            last_time = CASE WHEN d.last_time IS NULL OR EXCLUDED.last_time >= d.last_time THEN EXCLUDED.last_time ELSE d.last_time END,
            close_value = CASE WHEN d.last_time IS NULL OR EXCLUDED.last_time >= d.last_time THEN EXCLUDED.close_value ELSE d.close_value END
    ), curve AS (
        SELECT account, time, value,
               max(value) OVER (PARTITION BY account ORDER BY time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS peak
        FROM s
    ), per_account AS (
        SELECT c.account, max(c.value) AS peak_in, min(c.value - GREATEST(c.peak, COALESCE(st.peak_value, c.peak))) AS dd,
               min(round((c.value - GREATEST(c.peak, COALESCE(st.peak_value, c.peak))) / GREATEST(c.peak, COALESCE(st.peak_value, c.peak)) * 100, 4)) AS dd_pct
        FROM curve c LEFT JOIN paper_account_stats st ON st.account = c.account
        GROUP BY c.account
    )
    INSERT INTO paper_account_stats AS st (account, peak_value, max_drawdown, max_drawdown_pct)
    SELECT account, peak_in, LEAST(dd, 0), LEAST(dd_pct, 0) FROM per_account
    ORDER BY account
    ON CONFLICT (account) DO UPDATE SET
        peak_value = GREATEST(st.peak_value, EXCLUDED.peak_value),
        max_drawdown = LEAST(st.max_drawdown, EXCLUDED.max_drawdown),
        max_drawdown_pct = LEAST(st.max_drawdown_pct, EXCLUDED.max_drawdown_pct)
$$;

-- Rebuilds the aggregates of one account (or all) from paper_trades and paper_portfolio_snapshots.
CREATE FUNCTION refresh_account_stats(p_account text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM paper_account_stats WHERE p_account IS NULL OR account = p_account;
    DELETE FROM paper_daily_equity WHERE p_account IS NULL OR account = p_account;
    PERFORM paper_add_trades(array_agg(account), array_agg(exit_time), array_agg(net_pnl), array_agg(realized_pnl),
                             array_agg(fees), array_agg(hold_duration))
    FROM paper_trades WHERE p_account IS NULL OR account = p_account;
    PERFORM paper_add_snapshots(array_agg(account ORDER BY time), array_agg(time ORDER BY time), array_agg(total_value ORDER BY time))
    FROM paper_portfolio_snapshots WHERE p_account IS NULL OR account = p_account;
END;
$$;

-- The views, reading the aggregates instead of every trade and snapshot (same names, columns and answers).
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
LEFT JOIN deposits d ON d.account = a.account;

-- Daily P&L nets out the day's deposits and withdrawals: cash moved in is not a return. The day's return is its P&L
-- over the capital at work that day (previous close plus the day's net deposits).
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
       round((d.closing_value - d.opening_value - COALESCE(f.net_deposits, 0))
             / (d.opening_value + COALESCE(f.net_deposits, 0)) * 100, 4)                    AS return_pct,
       d.trades,
       d.wins,
       d.realized_pnl::numeric                                                              AS realized_pnl,
       d.fees::numeric                                                                      AS fees,
       COALESCE(f.net_deposits, 0)                                                          AS net_deposits
FROM days d
LEFT JOIN funding f ON f.account = d.account AND f.day = d.day;

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
LEFT JOIN r ON r.account = a.account;

-- invariants() gains an audit of the aggregates against the rows they summarise.
CREATE OR REPLACE FUNCTION aggregate_violations(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE sql STABLE AS
$$
    SELECT COALESCE(s.account, t.account), 'trade_stats',
           format('aggregates say %s trades netting %s; paper_trades has %s netting %s',
                  COALESCE(s.total_trades, 0), COALESCE(s.net_pnl, 0), COALESCE(t.n, 0), COALESCE(t.net, 0))
    FROM (SELECT * FROM paper_account_stats WHERE p_account IS NULL OR account = p_account) s
    FULL JOIN (SELECT account, count(*) AS n, sum(net_pnl) AS net FROM paper_trades
               WHERE p_account IS NULL OR account = p_account GROUP BY account) t ON t.account = s.account
    WHERE COALESCE(s.total_trades, 0) <> COALESCE(t.n, 0) OR COALESCE(s.net_pnl, 0) <> COALESCE(t.net, 0)
$$;

-- invariants() = the accounting rules of 0004 plus the aggregates' audit (trade_stats); the rules stay written once.
ALTER FUNCTION invariants(text) RENAME TO core_invariants;

CREATE FUNCTION invariants(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE sql STABLE AS
$$
    SELECT * FROM core_invariants(p_account)
    UNION ALL
    SELECT * FROM aggregate_violations(p_account)
$$;

GRANT SELECT ON paper_account_stats, paper_daily_equity TO trading_reader, trading_agent;
