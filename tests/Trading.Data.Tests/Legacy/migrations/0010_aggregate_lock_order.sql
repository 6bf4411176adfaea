-- 0010: the aggregates' writers take their row locks in one order. paper_add_trades (a batch) and paper_add_snapshots
-- (the mark-to-market tick) both upsert paper_account_stats and paper_daily_equity rows of the same accounts; 0007 wrote
-- them from data-modifying CTEs whose execution order PostgreSQL leaves open, and in practice the two ran them in
-- opposite orders (trades: daily rows then stats, snapshots: stats then daily rows): a deadlock whenever a tick and a
-- batch met on one account (seen in `trading bench latency`: 1 s stalls at every tick). Each function is now two
-- statements, run in order: the stats rows first, then the daily rows, each in account (and day) order. The maths is
-- 0007's, unchanged.

CREATE OR REPLACE FUNCTION paper_add_trades(p_account text[], p_exit_time timestamptz[], p_net numeric[], p_gross numeric[], p_fees numeric[], p_hold interval[])
    RETURNS void
    LANGUAGE sql AS
$$
    INSERT INTO paper_account_stats AS s (account, total_trades, winning_trades, losing_trades, net_pnl, gross_pnl, fees,
                                          sum_wins, sum_losses, largest_win, largest_loss, total_hold, first_exit, last_exit)
    SELECT account, count(*), count(*) FILTER (WHERE net > 0), count(*) FILTER (WHERE net < 0), sum(net), sum(gross), sum(fees),
           COALESCE(sum(net) FILTER (WHERE net > 0), 0), COALESCE(sum(net) FILTER (WHERE net < 0), 0), max(net), min(net),
           sum(hold), min(exit_time), max(exit_time)
    FROM unnest(p_account, p_exit_time, p_net, p_gross, p_fees, p_hold) AS t(account, exit_time, net, gross, fees, hold)
    GROUP BY account
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
        last_exit = GREATEST(s.last_exit, EXCLUDED.last_exit);

    INSERT INTO paper_daily_equity AS d (account, day, trades, wins, realized_pnl, fees)
    SELECT account, (exit_time AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE net > 0), sum(net), sum(fees)
    FROM unnest(p_account, p_exit_time, p_net, p_gross, p_fees, p_hold) AS t(account, exit_time, net, gross, fees, hold)
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (account, day) DO UPDATE SET
        trades = d.trades + EXCLUDED.trades,
        wins = d.wins + EXCLUDED.wins,
        realized_pnl = d.realized_pnl + EXCLUDED.realized_pnl,
        fees = d.fees + EXCLUDED.fees;
$$;

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
