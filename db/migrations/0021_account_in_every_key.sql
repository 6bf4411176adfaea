-- 0021: account in every primary, unique and id foreign key, and no ON UPDATE CASCADE to accounts, so the schema distributes on Citus as it is.
--
-- Citus keeps a transaction on one worker only when every key of an account-owned table includes the distribution
-- column (`account`); it refuses UNIQUE/PRIMARY KEY constraints without it, foreign keys between distributed tables that
-- do not join on it, and ON UPDATE CASCADE on a foreign key that includes it. Each change here is neutral on one node:
--   * keys lead with the id they had (`PRIMARY KEY (order_id, account)`), so a lookup by id alone uses the index it
--     used before, and every table keeps exactly the indexes it had;
--   * foreign keys name the same constraint as before (error messages and CliDatabase's mapping do not change);
--   * nothing renamed accounts (reset_account, 0009, moves rows with UPDATE ... SET account and never renames the
--     live row), so ON UPDATE CASCADE had no user: the foreign keys to accounts become plain NO ACTION ones.
-- The id foreign keys that now carry `account` are checked at commit (DEFERRABLE INITIALLY DEFERRED) where
-- reset_account moves the two sides in separate statements (orders, then fills, then ledger; the epochs trigger moves
-- strategy sessions after the decisions): checked per statement, the first move would leave the other side pointing at
-- a key that no longer exists. trading_decisions.order_id stays immediate: reset moves decisions and orders in one
-- statement.
-- Left for the epoch redesign (issue 16): paper_account_epochs.archived_as (unique, and a foreign key to another
-- account's row) cannot be colocated; `trading migrate --citus` says so.

-- The shortfall views group by the old keys (their columns depend on trading_decisions_pkey and paper_orders_pkey):
-- dropped here, recreated at the end (TEMPORARY block, see there).
DROP VIEW v_paper_shortfall_summary, v_paper_shortfall;

-- ---------------------------------------------------------------------------------------------------------------
-- Foreign keys to accounts: same names, no ON UPDATE CASCADE.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE trading_decisions DROP CONSTRAINT trading_decisions_account_fkey,
    ADD CONSTRAINT trading_decisions_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_orders DROP CONSTRAINT paper_orders_account_fkey,
    ADD CONSTRAINT paper_orders_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_fills DROP CONSTRAINT paper_fills_account_fkey,
    ADD CONSTRAINT paper_fills_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_positions DROP CONSTRAINT paper_positions_account_fkey,
    ADD CONSTRAINT paper_positions_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_trades DROP CONSTRAINT paper_trades_account_fkey,
    ADD CONSTRAINT paper_trades_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_ledger DROP CONSTRAINT paper_ledger_account_fkey,
    ADD CONSTRAINT paper_ledger_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_portfolio_snapshots DROP CONSTRAINT paper_portfolio_snapshots_account_fkey,
    ADD CONSTRAINT paper_portfolio_snapshots_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_risk_limits DROP CONSTRAINT paper_risk_limits_account_fkey,
    ADD CONSTRAINT paper_risk_limits_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_account_stats DROP CONSTRAINT paper_account_stats_account_fkey,
    ADD CONSTRAINT paper_account_stats_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_daily_equity DROP CONSTRAINT paper_daily_equity_account_fkey,
    ADD CONSTRAINT paper_daily_equity_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_order_marks DROP CONSTRAINT paper_order_marks_account_fkey,
    ADD CONSTRAINT paper_order_marks_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);
ALTER TABLE paper_cancel_requests DROP CONSTRAINT paper_cancel_requests_account_fkey,
    ADD CONSTRAINT paper_cancel_requests_account_fkey FOREIGN KEY (account) REFERENCES accounts (account);

-- ---------------------------------------------------------------------------------------------------------------
-- Id foreign keys out first (they hold on to the keys being replaced), then the keys, then the id foreign keys back
-- with `account`.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE trading_decisions
    DROP CONSTRAINT trading_decisions_order_fk,
    DROP CONSTRAINT trading_decisions_strategy_session_id_fkey;
ALTER TABLE paper_fills DROP CONSTRAINT paper_fills_order_id_fkey;
ALTER TABLE paper_ledger
    DROP CONSTRAINT paper_ledger_order_id_fkey,
    DROP CONSTRAINT paper_ledger_fill_id_fkey;

ALTER TABLE trading_decisions DROP CONSTRAINT trading_decisions_pkey,
    ADD CONSTRAINT trading_decisions_pkey PRIMARY KEY (id, account);
ALTER TABLE paper_orders DROP CONSTRAINT paper_orders_pkey,
    ADD CONSTRAINT paper_orders_pkey PRIMARY KEY (order_id, account);
ALTER TABLE paper_orders DROP CONSTRAINT paper_orders_decision_unique,
    ADD CONSTRAINT paper_orders_decision_unique UNIQUE (decision_id, account);
ALTER TABLE paper_fills DROP CONSTRAINT paper_fills_pkey,
    ADD CONSTRAINT paper_fills_pkey PRIMARY KEY (fill_id, account);
ALTER TABLE paper_trades DROP CONSTRAINT paper_trades_pkey,
    ADD CONSTRAINT paper_trades_pkey PRIMARY KEY (trade_id, account, exit_time);
ALTER TABLE paper_ledger DROP CONSTRAINT paper_ledger_pkey,
    ADD CONSTRAINT paper_ledger_pkey PRIMARY KEY (entry_id, account);
ALTER TABLE paper_risk_limits DROP CONSTRAINT paper_risk_limits_pkey,
    ADD CONSTRAINT paper_risk_limits_pkey PRIMARY KEY (limit_id, account);
ALTER TABLE paper_risk_limit_history DROP CONSTRAINT paper_risk_limit_history_pkey,
    ADD CONSTRAINT paper_risk_limit_history_pkey PRIMARY KEY (history_id, account);
ALTER TABLE paper_cancel_requests DROP CONSTRAINT paper_cancel_requests_pkey,
    ADD CONSTRAINT paper_cancel_requests_pkey PRIMARY KEY (request_id, account);
ALTER TABLE strategy_sessions DROP CONSTRAINT strategy_sessions_pkey,
    ADD CONSTRAINT strategy_sessions_pkey PRIMARY KEY (session_id, account);

ALTER TABLE trading_decisions
    ADD CONSTRAINT trading_decisions_order_fk FOREIGN KEY (order_id, account) REFERENCES paper_orders (order_id, account),
    ADD CONSTRAINT trading_decisions_strategy_session_id_fkey FOREIGN KEY (strategy_session_id, account)
        REFERENCES strategy_sessions (session_id, account) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE paper_fills
    ADD CONSTRAINT paper_fills_order_id_fkey FOREIGN KEY (order_id, account)
        REFERENCES paper_orders (order_id, account) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE paper_ledger
    ADD CONSTRAINT paper_ledger_order_id_fkey FOREIGN KEY (order_id, account)
        REFERENCES paper_orders (order_id, account) DEFERRABLE INITIALLY DEFERRED,
    ADD CONSTRAINT paper_ledger_fill_id_fkey FOREIGN KEY (fill_id, account)
        REFERENCES paper_fills (fill_id, account) DEFERRABLE INITIALLY DEFERRED;

-- ---------------------------------------------------------------------------------------------------------------
-- TEMPORARY until the repeatable views layout is merged: the same text as db/pending-repeatable/v_paper_shortfall.sql
-- (0017's views grouped by the new keys). At merge this block goes, and that file replaces the view's repeatable file.
-- ---------------------------------------------------------------------------------------------------------------
CREATE VIEW v_paper_shortfall WITH (security_invoker = true) AS
WITH executed AS (
    SELECT d.id AS decision_id, d.account, d.agent, d.strategy, d.strategy_session_id, d.symbol, d.decision,
           d.confidence, COALESCE(d.price_as_of, d.created_at) AS decision_time,
           o.order_id, o.side, o.order_type, CASE o.side WHEN 'buy' THEN 1 ELSE -1 END AS s,
           sum(f.quantity)                                                           AS quantity,
           sum(f.notional)                                                           AS notional,
           sum(f.price * f.quantity)                                                 AS paid,
           sum(COALESCE((f.quote_bid + f.quote_ask) / 2, f.quote_last, f.reference_price) * f.quantity) AS at_quote_mid,
           sum(f.reference_price * f.quantity)                                       AS at_reference,
           sum(f.fee)                                                                AS fees,
           min(f.filled_at)                                                          AS first_fill_at,
           max(f.filled_at)                                                          AS last_fill_at
    FROM trading_decisions d
    JOIN paper_orders o ON o.account = d.account AND o.decision_id = d.id
    JOIN paper_fills f ON f.account = o.account AND f.order_id = o.order_id
    WHERE d.status = 'executed'
    GROUP BY d.id, d.account, o.order_id, o.account
), ideal AS (
    SELECT e.*,
           (SELECT COALESCE((m.bid + m.ask) / 2, m.last)
            FROM market_prices m
            WHERE m.symbol = e.symbol AND m.time <= e.decision_time
            ORDER BY m.time DESC
            LIMIT 1)                                                                 AS ideal_mid
    FROM executed e
)
SELECT c.decision_id, c.account, c.agent, c.strategy, c.strategy_session_id, c.symbol, c.decision, c.side, c.order_type,
       c.confidence, c.confidence_bucket, c.decision_time, c.first_fill_at, c.time_to_fill, c.quantity, c.avg_fill_price,
       c.ideal_mid, c.ideal_notional, c.notional, c.delay_cost, c.spread_cost, c.slippage_cost, c.fees,
       -- The sum of its parts as shown (each rounded to 10 places), so the row adds up exactly.
       c.delay_cost + c.spread_cost + c.slippage_cost + c.fees                                 AS shortfall,
       round((c.delay_cost + c.spread_cost + c.slippage_cost + c.fees) / NULLIF(c.ideal_notional, 0) * 10000, 4) AS shortfall_bps
FROM (
    SELECT i.decision_id, i.account, i.agent, i.strategy, i.strategy_session_id, i.symbol, i.decision, i.side, i.order_type,
           i.confidence,
           CASE WHEN i.confidence >= 0.9 THEN '0.9-1.0'
                ELSE to_char(floor(i.confidence * 10) / 10, 'FM0.0') || '-' || to_char(floor(i.confidence * 10) / 10 + 0.1, 'FM0.0')
           END                                                                               AS confidence_bucket,
           i.decision_time,
           i.first_fill_at,
           i.last_fill_at - i.decision_time                                                  AS time_to_fill,
           i.quantity,
           round(i.paid / i.quantity, 10)                                                    AS avg_fill_price,
           i.ideal_mid,
           round(i.quantity * i.ideal_mid, 10)                                               AS ideal_notional,
           i.notional,
           round(i.s * (i.at_quote_mid - i.quantity * i.ideal_mid), 10)                      AS delay_cost,
           round(i.s * (i.at_reference - i.at_quote_mid), 10)                                AS spread_cost,
           round(i.s * (i.paid - i.at_reference), 10)                                        AS slippage_cost,
           i.fees
    FROM ideal i
) c;

COMMENT ON VIEW v_paper_shortfall IS
    'Per executed decision: the ideal fill (mid at decision time; no fee, spread, slippage or latency) beside the paper fills, and the shortfall = delay + spread + slippage + fees (positive = cost).';

CREATE VIEW v_paper_shortfall_summary WITH (security_invoker = true) AS
SELECT account,
       agent,
       confidence_bucket,
       count(*)                                                                              AS decisions,
       sum(ideal_notional)                                                                   AS ideal_notional,
       sum(delay_cost)                                                                       AS delay_cost,
       sum(spread_cost)                                                                      AS spread_cost,
       sum(slippage_cost)                                                                    AS slippage_cost,
       sum(fees)                                                                             AS fees,
       sum(shortfall)                                                                        AS shortfall,
       round(sum(shortfall) / NULLIF(sum(ideal_notional), 0) * 10000, 4)                     AS shortfall_bps,
       avg(time_to_fill)                                                                     AS avg_time_to_fill
FROM v_paper_shortfall
WHERE ideal_mid IS NOT NULL
GROUP BY account, agent, confidence_bucket;

COMMENT ON VIEW v_paper_shortfall_summary IS
    'Implementation shortfall per account, agent and confidence bucket: what execution cost each agent beyond the ideal fill, in money and in basis points of the ideal notional.';

GRANT SELECT ON v_paper_shortfall, v_paper_shortfall_summary TO trading_agent;
