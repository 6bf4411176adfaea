-- 0008: resting orders, brackets (stop-loss / take-profit / trailing exits in OCO groups), cancel requests, and the
-- views that show them. The matching rules live in the engine (Trading.Engine.Orders.Resting); this is their storage.

-- ---------------------------------------------------------------------------------------------------------------
-- Decisions: two more outcomes, and the unit of the exit levels.
--   placed    the decision's order rests in the book (paper_orders has its life from there on)
--   canceled  a cancel request ended the decision while it was pending
-- exit_unit says what stop_loss, take_profit and trailing_offset mean: 'price' (absolute prices, and a trailing
-- distance in price units) or 'percent' (of the entry price, and of the best price for a trailing stop; 5 = 5 %).
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE trading_decisions
    DROP CONSTRAINT trading_decisions_status_known,
    ADD CONSTRAINT trading_decisions_status_known
        CHECK (status IN ('pending', 'executed', 'placed', 'skipped', 'rejected', 'failed', 'expired', 'canceled')),
    DROP CONSTRAINT trading_decisions_executed_has_order,
    ADD CONSTRAINT trading_decisions_executed_has_order CHECK ((status IN ('executed', 'placed')) = (order_id IS NOT NULL)),
    ADD COLUMN exit_unit text NOT NULL DEFAULT 'price'
        CONSTRAINT trading_decisions_exit_unit_known CHECK (exit_unit IN ('price', 'percent')),
    ADD CONSTRAINT trading_decisions_percent_below_100
        CHECK (exit_unit <> 'percent' OR (COALESCE(stop_loss, 0) < 100 AND COALESCE(trailing_offset, 0) < 100));

GRANT INSERT (exit_unit) ON trading_decisions TO trading_agent;

-- ---------------------------------------------------------------------------------------------------------------
-- Accounts: the seed's default exits (its strategy config had stop_loss_pct 5, take_profit_pct 15), off unless set,
-- and the chance that a resting limit fills when a quote only touches its price.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE accounts
    ADD COLUMN default_stop_loss_pct numeric(8,4)
        CONSTRAINT accounts_default_stop_loss_pct_range CHECK (default_stop_loss_pct > 0 AND default_stop_loss_pct < 100),
    ADD COLUMN default_take_profit_pct numeric(8,4)
        CONSTRAINT accounts_default_take_profit_pct_range CHECK (default_take_profit_pct > 0 AND default_take_profit_pct <= 10000),
    ADD COLUMN fill_probability numeric(5,4) NOT NULL DEFAULT 1
        CONSTRAINT accounts_fill_probability_range CHECK (fill_probability >= 0 AND fill_probability <= 1);

-- ---------------------------------------------------------------------------------------------------------------
-- Orders: the working state of a resting order.
--   role               entry (a decision's order) or the bracket exit it is (stop_loss, take_profit, trailing_stop)
--   parent_decision_id the decision behind the order: the entry's own decision for its exits
--   reduce_only        may only reduce the position: capped at it, canceled when nothing is left to reduce
--   oco_group          orders of a group cancel each other once one fills (a bracket's exits)
--   best_price         trailing stops: the best price since placement; stop_price is the level it sets
--   evaluated_through  the quote the order was placed on, or the newest it met while it changed; see paper_order_marks
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE paper_orders
    ADD COLUMN role text NOT NULL DEFAULT 'entry'
        CONSTRAINT paper_orders_role_known CHECK (role IN ('entry', 'stop_loss', 'take_profit', 'trailing_stop')),
    ADD COLUMN parent_decision_id bigint,
    ADD COLUMN reduce_only boolean NOT NULL DEFAULT false,
    ADD COLUMN oco_group bigint,
    ADD COLUMN trailing_offset numeric(28,10)
        CONSTRAINT paper_orders_trailing_offset_positive CHECK (trailing_offset > 0),
    ADD COLUMN trailing_is_percent boolean NOT NULL DEFAULT false,
    ADD COLUMN best_price numeric(28,10),
    ADD COLUMN triggered boolean NOT NULL DEFAULT false,
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN evaluated_through timestamptz,
    ADD CONSTRAINT paper_orders_working_is_evaluated
        CHECK (status NOT IN ('open', 'partially_filled') OR evaluated_through IS NOT NULL),
    ADD CONSTRAINT paper_orders_limit_needs_price CHECK (order_type NOT IN ('limit', 'stop_limit') OR limit_price IS NOT NULL),
    ADD CONSTRAINT paper_orders_stop_needs_price CHECK (order_type NOT IN ('stop', 'stop_limit') OR stop_price IS NOT NULL),
    ADD CONSTRAINT paper_orders_trailing_needs_offset
        CHECK (order_type <> 'trailing_stop' OR status NOT IN ('open', 'partially_filled') OR trailing_offset IS NOT NULL),
    ADD CONSTRAINT paper_orders_prices_positive CHECK (limit_price > 0 AND stop_price > 0 AND best_price > 0),
    ADD CONSTRAINT paper_orders_exit_has_parent CHECK (role = 'entry' OR (parent_decision_id IS NOT NULL AND reduce_only)),
    ADD CONSTRAINT paper_orders_fill_has_price CHECK ((filled_quantity = 0) = (avg_fill_price IS NULL));

-- How far an account's working orders in one symbol have met the quotes. A batch writes one row per (account, symbol)
-- it matched rather than rewriting every working order that a quote left as it was; an order has met every quote up
-- to the later of its own evaluated_through and this mark, and only later quotes are matched against it.
CREATE TABLE paper_order_marks (
    account             text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    symbol              text NOT NULL REFERENCES instruments (symbol),
    evaluated_through   timestamptz NOT NULL,
    CONSTRAINT paper_order_marks_pkey PRIMARY KEY (account, symbol)
);

GRANT SELECT ON paper_order_marks TO trading_reader, trading_agent;

-- The working set: what a new quote is matched against, per account and symbol. Small: only working orders.
CREATE INDEX paper_orders_working_idx ON paper_orders (account, symbol) WHERE status IN ('open', 'partially_filled');
CREATE INDEX paper_orders_parent_idx ON paper_orders (parent_decision_id) WHERE parent_decision_id IS NOT NULL;

-- Every statement that writes quotes wakes the orchestrator, whoever writes them (the feeds, a replay, a person with
-- psql), so working orders meet each new quote batch at once rather than on the poll tick. Statement level: one
-- notification per INSERT or COPY, folded by PostgreSQL within a transaction. (The feeds' QuoteIngestor also sends a
-- throttled notification naming the symbols it wrote, for listeners that want them.)
CREATE FUNCTION market_prices_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('market_prices', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER market_prices_notify
    AFTER INSERT ON market_prices
    FOR EACH STATEMENT EXECUTE FUNCTION market_prices_notify();

-- ---------------------------------------------------------------------------------------------------------------
-- Cancel requests: how an agent cancels a resting order or a pending decision by SQL, with the outcome recorded.
--   INSERT INTO paper_cancel_requests (account, order_id) VALUES ('default', 42);
--   INSERT INTO paper_cancel_requests (account, decision_id) VALUES ('default', 1234);
-- Cancel-and-replace is a cancel request and a new decision. The orchestrator answers every request: 'done', or
-- 'rejected' with the reason (already filled, not this account's, ...). An order's cancel takes effect at
-- requested_at: quotes stamped before it can still fill the order.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE paper_cancel_requests (
    request_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account         text NOT NULL REFERENCES accounts (account) ON UPDATE CASCADE,
    order_id        bigint,
    decision_id     bigint,
    agent           text CONSTRAINT paper_cancel_requests_agent_length CHECK (length(agent) <= 200),
    reason          text CONSTRAINT paper_cancel_requests_reason_length CHECK (length(reason) <= 2000),
    status          text NOT NULL DEFAULT 'pending'
                    CONSTRAINT paper_cancel_requests_status_known CHECK (status IN ('pending', 'done', 'rejected')),
    outcome         text,
    requested_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    processed_at    timestamptz,
    CONSTRAINT paper_cancel_requests_one_target CHECK ((order_id IS NULL) <> (decision_id IS NULL)),
    CONSTRAINT paper_cancel_requests_terminal_has_outcome
        CHECK ((status = 'pending') = (processed_at IS NULL) AND (status = 'pending' OR outcome IS NOT NULL))
);

CREATE INDEX paper_cancel_requests_pending_idx ON paper_cancel_requests (account, request_id) WHERE status = 'pending';

-- Like decisions: whatever the client sends, a request starts pending, stamped by the database clock, and wakes the
-- orchestrator on the decisions channel.
CREATE FUNCTION paper_cancel_requests_before_insert() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.status := 'pending';
    NEW.outcome := NULL;
    NEW.processed_at := NULL;
    NEW.requested_at := clock_timestamp();
    RETURN NEW;
END;
$$;

CREATE TRIGGER paper_cancel_requests_before_insert
    BEFORE INSERT ON paper_cancel_requests
    FOR EACH ROW EXECUTE FUNCTION paper_cancel_requests_before_insert();

CREATE TRIGGER paper_cancel_requests_notify
    AFTER INSERT ON paper_cancel_requests
    FOR EACH STATEMENT EXECUTE FUNCTION trading_decisions_notify();

GRANT INSERT (account, order_id, decision_id, agent, reason) ON paper_cancel_requests TO trading_agent;
GRANT SELECT ON paper_cancel_requests TO trading_agent, trading_reader;
GRANT SELECT, INSERT, UPDATE ON paper_cancel_requests TO trading_orchestrator;

-- ---------------------------------------------------------------------------------------------------------------
-- The kill switch also cancels every working order (in the same transaction that halts the account), so no resting
-- entry can reopen what the CLOSE decisions flatten.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION kill_switch(p_account text, p_reason text DEFAULT 'kill switch')
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    why        text := COALESCE(NULLIF(p_reason, ''), 'kill switch');
    flattening integer;
BEGIN
    UPDATE accounts SET halted = true, halt_reason = why WHERE account = p_account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown account %', p_account USING ERRCODE = 'foreign_key_violation';
    END IF;
    UPDATE paper_orders
    SET status = 'canceled', reason = 'kill switch: ' || why, updated_at = clock_timestamp()
    WHERE account = p_account AND status IN ('open', 'partially_filled');
    INSERT INTO trading_decisions (account, agent, symbol, decision, confidence, reasoning)
    SELECT p.account, 'kill-switch', p.symbol, 'CLOSE', 1, 'kill switch: ' || why
    FROM paper_positions p WHERE p.account = p_account
    ORDER BY p.symbol;
    GET DIAGNOSTICS flattening = ROW_COUNT;
    RETURN flattening;
END;
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Views.
-- ---------------------------------------------------------------------------------------------------------------
-- Every working order with its levels and how far the market is from them.
CREATE VIEW v_paper_open_orders AS
SELECT o.account,
       o.order_id,
       o.decision_id,
       o.parent_decision_id,
       o.role,
       o.symbol,
       o.side,
       o.order_type,
       o.time_in_force,
       o.quantity,
       o.filled_quantity,
       o.quantity - o.filled_quantity                        AS remaining_quantity,
       o.limit_price,
       o.stop_price,
       o.trailing_offset,
       o.trailing_is_percent,
       o.best_price,
       o.triggered,
       o.reduce_only,
       o.oco_group,
       o.status,
       o.reason,
       o.expires_at,
       lp.bid,
       lp.ask,
       lp.mark_price                                         AS current_price,
       lp.time                                               AS price_time,
       GREATEST(o.evaluated_through, m.evaluated_through)   AS evaluated_through,
       o.created_at,
       o.updated_at
FROM paper_orders o
LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
LEFT JOIN v_latest_prices lp ON lp.symbol = o.symbol
WHERE o.status IN ('open', 'partially_filled');

-- Positions with their protective levels, appended to the 0003 columns: the working reduce-only orders' stop (stop
-- and stop-limit orders), target (limit orders) and trailing level, whether a bracket or the agent's own CLOSE/SELL
-- order placed them; the nearest of each when several protect one position.
CREATE OR REPLACE VIEW v_paper_open_positions AS
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
       now() - p.opened_at                                      AS hold_duration,
       x.stop_loss,
       x.take_profit,
       x.trailing_stop
FROM paper_positions p
LEFT JOIN v_latest_prices lp ON lp.symbol = p.symbol
LEFT JOIN LATERAL (
    SELECT CASE p.side WHEN 'long' THEN max(o.stop_price) FILTER (WHERE o.order_type IN ('stop', 'stop_limit'))
                       ELSE min(o.stop_price) FILTER (WHERE o.order_type IN ('stop', 'stop_limit')) END AS stop_loss,
           CASE p.side WHEN 'long' THEN min(o.limit_price) FILTER (WHERE o.order_type = 'limit')
                       ELSE max(o.limit_price) FILTER (WHERE o.order_type = 'limit') END                AS take_profit,
           CASE p.side WHEN 'long' THEN max(o.stop_price) FILTER (WHERE o.order_type = 'trailing_stop')
                       ELSE min(o.stop_price) FILTER (WHERE o.order_type = 'trailing_stop') END         AS trailing_stop
    FROM paper_orders o
    WHERE o.account = p.account AND o.symbol = p.symbol AND o.reduce_only
      AND o.status IN ('open', 'partially_filled')
) x ON true;

GRANT SELECT ON v_paper_open_orders TO trading_reader, trading_agent;

-- ---------------------------------------------------------------------------------------------------------------
-- Invariants of the order book, composed into invariants():
--   order_fills     an order's filled quantity and average price are its fills' sum and weighted mean
--   placed_order    a placed decision's order exists and came from it
--   working_exit    a working reduce-only exit has a position to reduce (a flat position cancels its exits)
--   cancel_answered no cancel request is left without an outcome once processed (the CHECK says so; listed for audits)
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION order_violations(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE sql STABLE AS
$$
    WITH fills AS (
        SELECT f.order_id, sum(f.quantity) AS quantity, sum(f.quantity * f.price) AS value
        FROM paper_fills f
        WHERE p_account IS NULL OR f.account = p_account
        GROUP BY f.order_id
    )
    SELECT o.account, 'order_fills',
           format('order %s: filled %s at %s <> fills %s at %s', o.order_id, o.filled_quantity, o.avg_fill_price,
                  COALESCE(f.quantity, 0), round(f.value / NULLIF(f.quantity, 0), 10))
    FROM paper_orders o
    LEFT JOIN fills f ON f.order_id = o.order_id
    WHERE (p_account IS NULL OR o.account = p_account)
      AND (o.filled_quantity <> COALESCE(f.quantity, 0)
           OR abs(COALESCE(o.avg_fill_price, 0) - COALESCE(round(f.value / NULLIF(f.quantity, 0), 10), 0)) > 0.0000000001)
    UNION ALL
    SELECT d.account, 'placed_order', format('decision %s is placed but order %s is not its order', d.id, d.order_id)
    FROM trading_decisions d
    LEFT JOIN paper_orders o ON o.order_id = d.order_id
    WHERE (p_account IS NULL OR d.account = p_account)
      AND d.status = 'placed' AND (o.order_id IS NULL OR o.decision_id IS DISTINCT FROM d.id)
    UNION ALL
    SELECT o.account, 'working_exit', format('order %s (%s %s) works with no position to reduce', o.order_id, o.role, o.symbol)
    FROM paper_orders o
    LEFT JOIN paper_positions p ON p.account = o.account AND p.symbol = o.symbol
    WHERE (p_account IS NULL OR o.account = p_account)
      AND o.reduce_only AND o.status IN ('open', 'partially_filled')
      AND (p.account IS NULL OR p.side = CASE o.side WHEN 'sell' THEN 'short' ELSE 'long' END)
$$;

CREATE OR REPLACE FUNCTION invariants(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE sql STABLE AS
$$
    SELECT * FROM core_invariants(p_account)
    UNION ALL
    SELECT * FROM aggregate_violations(p_account)
    UNION ALL
    SELECT * FROM order_violations(p_account)
$$;
