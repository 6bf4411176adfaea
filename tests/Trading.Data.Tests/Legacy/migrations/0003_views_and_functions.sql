-- 0003: the read side: the seed's view and function names with corrected maths, account-scoped, plus daily P&L and the equity curve.
--
-- Valuation rules used everywhere below (ARCHITECTURE.md, "Accounting rules"):
--   mark price      = mid of the newest quote (bid + ask) / 2, or its last price when it has no bid/ask
--   position value  = signed quantity x mark            (a short is a negative value, never a positive one)
--   equity          = cash + sum(position value)        (unrealised P&L is NOT added again: it is already in the marks)
--   unrealised P&L  = long: quantity x mark - cost basis; short: cost basis - quantity x mark (gross, before fees)
--   wins and losses are counted on net P&L (after entry and exit fees)

-- Newest quote per instrument: one index probe per symbol on market_prices (symbol, time), whatever the table's size.
CREATE VIEW v_latest_prices AS
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
    WHERE m.symbol = i.symbol
    ORDER BY m.time DESC
    LIMIT 1
) q;

-- Unrealised P&L of a position at a price (gross, before fees). p_side is 'long' or 'short'.
CREATE FUNCTION calculate_position_pnl(p_side text, p_quantity numeric, p_entry_price numeric, p_current_price numeric)
    RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
    SELECT CASE p_side
               WHEN 'long' THEN p_quantity * (p_current_price - p_entry_price)
               WHEN 'short' THEN p_quantity * (p_entry_price - p_current_price)
           END
$$;

CREATE VIEW v_paper_open_positions AS
SELECT p.account,
       p.symbol,
       p.side,
       p.quantity,
       p.signed_quantity,
       p.avg_entry_price                                        AS entry_price,
       lp.mark_price                                            AS current_price,
       lp.time                                                  AS price_time,
       p.cost_basis,
       p.signed_quantity * lp.mark_price                        AS position_value,
       CASE p.side WHEN 'long' THEN p.quantity * lp.mark_price - p.cost_basis
                   ELSE p.cost_basis - p.quantity * lp.mark_price END AS unrealized_pnl,
       round(CASE p.side WHEN 'long' THEN p.quantity * lp.mark_price - p.cost_basis
                         ELSE p.cost_basis - p.quantity * lp.mark_price END / p.cost_basis * 100, 4) AS unrealized_pnl_pct,
       p.entry_fees,
       CASE p.side WHEN 'long' THEN p.quantity * lp.mark_price - p.cost_basis
                   ELSE p.cost_basis - p.quantity * lp.mark_price END - p.entry_fees AS unrealized_net_pnl,
       p.opened_at,
       now() - p.opened_at                                      AS hold_duration
FROM paper_positions p
LEFT JOIN v_latest_prices lp ON lp.symbol = p.symbol;

CREATE VIEW v_paper_portfolio_overview AS
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
    SELECT account, sum(net_pnl) AS realized_pnl, sum(fees) AS trade_fees, count(*) AS total_trades
    FROM paper_trades
    GROUP BY account
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

-- The seed called get_portfolio_value() with no argument; the default account keeps that call working.
CREATE FUNCTION get_portfolio_value(p_account text DEFAULT 'default')
    RETURNS TABLE (account text, cash numeric, positions_value numeric, total_value numeric, unrealized_pnl numeric,
                   realized_pnl numeric, total_pnl numeric, total_pnl_pct numeric, num_positions bigint)
    LANGUAGE sql STABLE AS
$$
    SELECT o.account, o.cash, o.positions_value, o.total_value, o.unrealized_pnl,
           o.realized_pnl, o.total_pnl, o.total_pnl_pct, o.num_positions
    FROM v_paper_portfolio_overview o
    WHERE o.account = p_account
$$;

CREATE VIEW v_paper_recent_trades AS
SELECT t.trade_id,
       t.account,
       t.symbol,
       t.side,
       t.quantity,
       t.entry_price,
       t.exit_price,
       t.entry_time,
       t.exit_time,
       t.hold_duration,
       t.realized_pnl,
       t.fees,
       t.net_pnl,
       t.return_pct,
       CASE WHEN t.net_pnl > 0 THEN 'win' WHEN t.net_pnl < 0 THEN 'loss' ELSE 'breakeven' END AS outcome,
       t.agent,
       t.strategy,
       t.decision_id
FROM paper_trades t
ORDER BY t.exit_time DESC, t.trade_id DESC;

-- The equity curve: snapshots with the running peak and the drawdown from it.
CREATE VIEW v_paper_equity_curve AS
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
       round((s.total_value - max(s.total_value) OVER w) / max(s.total_value) OVER w * 100, 4) AS drawdown_pct
FROM paper_portfolio_snapshots s
WINDOW w AS (PARTITION BY s.account ORDER BY s.time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

-- Daily P&L: the change of the last snapshot's equity from the previous day's last snapshot (the first day from initial
-- capital), beside the day's realised trades and fees. Days are UTC days.
CREATE VIEW v_paper_daily_pnl AS
WITH closes AS (
    SELECT DISTINCT ON (s.account, (s.time AT TIME ZONE 'UTC')::date)
           s.account, (s.time AT TIME ZONE 'UTC')::date AS day, s.total_value
    FROM paper_portfolio_snapshots s
    ORDER BY s.account, (s.time AT TIME ZONE 'UTC')::date, s.time DESC
), trades AS (
    SELECT t.account, (t.exit_time AT TIME ZONE 'UTC')::date AS day,
           count(*) AS trades, sum(t.net_pnl) AS realized_pnl, sum(t.fees) AS fees,
           count(*) FILTER (WHERE t.net_pnl > 0) AS wins
    FROM paper_trades t
    GROUP BY 1, 2
), days AS (
    SELECT c.account, c.day, c.total_value AS closing_value,
           COALESCE(lag(c.total_value) OVER (PARTITION BY c.account ORDER BY c.day), a.initial_capital) AS opening_value
    FROM closes c
    JOIN accounts a ON a.account = c.account
)
SELECT d.account,
       d.day,
       d.opening_value,
       d.closing_value,
       d.closing_value - d.opening_value                              AS pnl,
       round((d.closing_value - d.opening_value) / d.opening_value * 100, 4) AS return_pct,
       COALESCE(t.trades, 0)                                          AS trades,
       COALESCE(t.wins, 0)                                            AS wins,
       COALESCE(t.realized_pnl, 0)                                    AS realized_pnl,
       COALESCE(t.fees, 0)                                            AS fees
FROM days d
LEFT JOIN trades t ON t.account = d.account AND t.day = d.day;

-- Performance metrics per account.
--   win_rate       = winning trades / all trades x 100, a win being net_pnl > 0
--   profit_factor  = sum of winning net P&L / |sum of losing net P&L| (NULL when there is no loss)
--   sharpe_ratio   = mean(r_d) / stddev_samp(r_d) x sqrt(365), r_d the daily returns of v_paper_daily_pnl
--                    (crypto trades every day of the year; risk-free rate 0; NULL with fewer than 2 days)
--   sortino_ratio  = mean(r_d) / sqrt(mean(min(r_d, 0)^2)) x sqrt(365)
--   max_drawdown   = the deepest fall from a running peak of the equity curve, in percent
CREATE VIEW v_paper_performance_metrics AS
WITH t AS (
    SELECT account,
           count(*)                                          AS total_trades,
           count(*) FILTER (WHERE net_pnl > 0)               AS winning_trades,
           count(*) FILTER (WHERE net_pnl < 0)               AS losing_trades,
           sum(net_pnl)                                      AS total_pnl,
           sum(realized_pnl)                                 AS gross_pnl,
           sum(fees)                                         AS total_fees,
           avg(net_pnl) FILTER (WHERE net_pnl > 0)           AS avg_win,
           avg(net_pnl) FILTER (WHERE net_pnl < 0)           AS avg_loss,
           sum(net_pnl) FILTER (WHERE net_pnl > 0)           AS gross_wins,
           sum(net_pnl) FILTER (WHERE net_pnl < 0)           AS gross_losses,
           max(net_pnl)                                      AS largest_win,
           min(net_pnl)                                      AS largest_loss,
           avg(hold_duration)                                AS avg_trade_duration,
           min(exit_time)                                    AS first_exit,
           max(exit_time)                                    AS last_exit
    FROM paper_trades
    GROUP BY account
), r AS (
    SELECT account,
           count(*)                                          AS days,
           avg(return_pct / 100)                             AS mean_return,
           stddev_samp(return_pct / 100)                     AS stddev_return,
           sqrt(avg(power(least(return_pct / 100, 0), 2)))   AS downside_deviation
    FROM v_paper_daily_pnl
    GROUP BY account
), dd AS (
    SELECT account, min(drawdown_pct) AS max_drawdown_pct, min(drawdown) AS max_drawdown
    FROM v_paper_equity_curve
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
       t.largest_win,
       t.largest_loss,
       t.avg_trade_duration,
       round(t.total_trades / GREATEST(EXTRACT(EPOCH FROM (t.last_exit - t.first_exit)) / 86400, 1), 4) AS trades_per_day,
       CASE WHEN r.days >= 2 AND r.stddev_return > 0
            THEN round(r.mean_return / r.stddev_return * sqrt(365::numeric), 4) END AS sharpe_ratio,
       CASE WHEN r.days >= 2 AND r.downside_deviation > 0
            THEN round(r.mean_return / r.downside_deviation * sqrt(365::numeric), 4) END AS sortino_ratio,
       COALESCE(dd.max_drawdown_pct, 0)                                       AS max_drawdown_pct,
       COALESCE(dd.max_drawdown, 0)                                           AS max_drawdown,
       COALESCE(r.days, 0)                                                    AS days_with_snapshots
FROM accounts a
LEFT JOIN t ON t.account = a.account
LEFT JOIN r ON r.account = a.account
LEFT JOIN dd ON dd.account = a.account;

-- The seed's configuration table, kept as a view so its queries still run. Settings may be changed through it;
-- current_capital is derived (cash + 0) so it cannot be written: cash moves only through the ledger.
CREATE VIEW paper_trading_config AS
SELECT account,
       initial_capital,
       cash + 0                 AS current_capital,
       fee_rate                 AS commission_pct,
       min_fee                  AS min_commission,
       slippage_rate            AS slippage_pct,
       max_position_fraction    AS max_position_size,
       confidence_threshold     AS decision_confidence_threshold,
       allow_shorting,
       leverage,
       halted
FROM accounts;
