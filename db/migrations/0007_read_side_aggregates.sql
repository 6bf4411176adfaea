-- 0007: read-side aggregates kept in step with the writes, so the performance views answer in milliseconds at a million trades.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
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

GRANT SELECT ON paper_account_stats, paper_daily_equity TO trading_reader, trading_agent;
