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

-- The shortfall views group by the keys (their columns depend on trading_decisions_pkey and paper_orders_pkey): the
-- migrator drops the managed views before this migration and re-creates them from db/repeatable/views after it.

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
