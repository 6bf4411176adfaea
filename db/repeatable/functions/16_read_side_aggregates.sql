-- The read-side aggregates (paper_account_stats, paper_daily_equity) the writers keep in step, and their rebuilds: one
-- row per account and epoch (per account, epoch and day), the epoch given with each trade or snapshot.
-- PL/pgSQL, not parameterised LANGUAGE sql: Citus cannot plan those.

CREATE OR REPLACE FUNCTION paper_add_trades(p_account text[], p_epoch integer[], p_exit_time timestamptz[], p_net numeric[], p_gross numeric[], p_fees numeric[], p_hold interval[])
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO paper_account_stats AS s (account, epoch, total_trades, winning_trades, losing_trades, net_pnl, gross_pnl, fees,
                                          sum_wins, sum_losses, largest_win, largest_loss, total_hold, first_exit, last_exit)
    SELECT account, epoch, count(*), count(*) FILTER (WHERE net > 0), count(*) FILTER (WHERE net < 0), sum(net), sum(gross), sum(fees),
           COALESCE(sum(net) FILTER (WHERE net > 0), 0), COALESCE(sum(net) FILTER (WHERE net < 0), 0), max(net), min(net),
           sum(hold), min(exit_time), max(exit_time)
    FROM unnest(p_account, p_epoch, p_exit_time, p_net, p_gross, p_fees, p_hold) AS t(account, epoch, exit_time, net, gross, fees, hold)
    GROUP BY account, epoch
    ORDER BY account, epoch  -- every writer locks stats rows in account order: no deadlock between them
    ON CONFLICT (account, epoch) DO UPDATE SET
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

    INSERT INTO paper_daily_equity AS d (account, epoch, day, trades, wins, realized_pnl, fees)
    SELECT account, epoch, (exit_time AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE net > 0), sum(net), sum(fees)
    FROM unnest(p_account, p_epoch, p_exit_time, p_net, p_gross, p_fees, p_hold) AS t(account, epoch, exit_time, net, gross, fees, hold)
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (account, epoch, day) DO UPDATE SET
        trades = d.trades + EXCLUDED.trades,
        wins = d.wins + EXCLUDED.wins,
        realized_pnl = d.realized_pnl + EXCLUDED.realized_pnl,
        fees = d.fees + EXCLUDED.fees;
END;
$$;
REVOKE ALL ON FUNCTION paper_add_trades(text[],integer[],timestamp with time zone[],numeric[],numeric[],numeric[],interval[]) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION paper_add_trades(text[],integer[],timestamp with time zone[],numeric[],numeric[],numeric[],interval[]) TO PUBLIC;

CREATE OR REPLACE FUNCTION paper_add_snapshots(p_account text[], p_epoch integer[], p_time timestamptz[], p_value numeric[])
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    WITH s AS (
        SELECT * FROM unnest(p_account, p_epoch, p_time, p_value) AS s(account, epoch, time, value)
    ), curve AS (
        SELECT account, epoch, time, value,
               max(value) OVER (PARTITION BY account, epoch ORDER BY time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS peak
        FROM s
    ), per_account AS (
        SELECT c.account, c.epoch, max(c.value) AS peak_in, min(c.value - GREATEST(c.peak, COALESCE(st.peak_value, c.peak))) AS dd,
               min(CASE WHEN GREATEST(c.peak, COALESCE(st.peak_value, c.peak)) > 0
                        THEN round((c.value - GREATEST(c.peak, COALESCE(st.peak_value, c.peak))) / GREATEST(c.peak, COALESCE(st.peak_value, c.peak)) * 100, 4) END) AS dd_pct
        FROM curve c LEFT JOIN paper_account_stats st ON st.account = c.account AND st.epoch = c.epoch
        GROUP BY c.account, c.epoch
    )
    INSERT INTO paper_account_stats AS st (account, epoch, peak_value, max_drawdown, max_drawdown_pct)
    SELECT account, epoch, peak_in, LEAST(dd, 0), LEAST(dd_pct, 0) FROM per_account
    ORDER BY account, epoch
    ON CONFLICT (account, epoch) DO UPDATE SET
        peak_value = GREATEST(st.peak_value, EXCLUDED.peak_value),
        max_drawdown = LEAST(st.max_drawdown, EXCLUDED.max_drawdown),
        max_drawdown_pct = LEAST(st.max_drawdown_pct, EXCLUDED.max_drawdown_pct);

    INSERT INTO paper_daily_equity AS d (account, epoch, day, first_time, open_value, last_time, close_value)
    SELECT DISTINCT ON (account, epoch, (time AT TIME ZONE 'UTC')::date) account, epoch, (time AT TIME ZONE 'UTC')::date,
           min(time) OVER w, first_value(value) OVER w, time, value
    FROM unnest(p_account, p_epoch, p_time, p_value) AS s(account, epoch, time, value)
    WINDOW w AS (PARTITION BY account, epoch, (time AT TIME ZONE 'UTC')::date ORDER BY time)
    ORDER BY account, epoch, (time AT TIME ZONE 'UTC')::date, time DESC
    ON CONFLICT (account, epoch, day) DO UPDATE SET
        first_time = CASE WHEN d.first_time IS NULL OR EXCLUDED.first_time <= d.first_time THEN EXCLUDED.first_time ELSE d.first_time END,
        open_value = CASE WHEN d.first_time IS NULL OR EXCLUDED.first_time <= d.first_time THEN EXCLUDED.open_value ELSE d.open_value END,
        last_time = CASE WHEN d.last_time IS NULL OR EXCLUDED.last_time >= d.last_time THEN EXCLUDED.last_time ELSE d.last_time END,
        close_value = CASE WHEN d.last_time IS NULL OR EXCLUDED.last_time >= d.last_time THEN EXCLUDED.close_value ELSE d.close_value END;
END;
$$;
REVOKE ALL ON FUNCTION paper_add_snapshots(text[],integer[],timestamp with time zone[],numeric[]) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION paper_add_snapshots(text[],integer[],timestamp with time zone[],numeric[]) TO PUBLIC;

-- Rebuilds the aggregates of one account (or all) from paper_trades and paper_portfolio_snapshots.
CREATE OR REPLACE FUNCTION refresh_account_stats(p_account text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM paper_account_stats WHERE p_account IS NULL OR account = p_account;
    DELETE FROM paper_daily_equity WHERE p_account IS NULL OR account = p_account;
    PERFORM paper_add_trades(array_agg(account), array_agg(epoch), array_agg(exit_time), array_agg(net_pnl), array_agg(realized_pnl),
                             array_agg(fees), array_agg(hold_duration))
    FROM paper_trades WHERE p_account IS NULL OR account = p_account;
    PERFORM paper_add_snapshots(array_agg(account ORDER BY time), array_agg(epoch ORDER BY time), array_agg(time ORDER BY time),
                                array_agg(total_value ORDER BY time))
    FROM paper_portfolio_snapshots WHERE p_account IS NULL OR account = p_account;
END;
$$;
REVOKE ALL ON FUNCTION refresh_account_stats(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION refresh_account_stats(text) TO PUBLIC;

CREATE OR REPLACE FUNCTION paper_rebuild_drawdown(p_accounts text[])
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    WITH curve AS (
        SELECT s.account, s.epoch, s.total_value AS value,
               max(s.total_value) OVER (PARTITION BY s.account, s.epoch ORDER BY s.time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS peak
        FROM paper_portfolio_snapshots s
        WHERE s.account = ANY (p_accounts)
    ), per_account AS (
        SELECT account, epoch, max(value) AS peak_value, LEAST(min(value - peak), 0) AS dd,
               LEAST(COALESCE(min(CASE WHEN peak > 0 THEN round((value - peak) / peak * 100, 4) END), 0), 0) AS dd_pct
        FROM curve
        GROUP BY account, epoch
    )
    UPDATE paper_account_stats st
    SET peak_value = p.peak_value, max_drawdown = p.dd, max_drawdown_pct = p.dd_pct
    FROM per_account p
    WHERE st.account = p.account AND st.epoch = p.epoch;
END;
$$;
REVOKE ALL ON FUNCTION paper_rebuild_drawdown(text[]) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION paper_rebuild_drawdown(text[]) TO trading_operator, trading_orchestrator;
