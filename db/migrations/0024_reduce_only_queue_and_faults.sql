-- 0024: reduce-only is the decision's choice; resting limits may fill by queue position; faults to test an agent (issue 15 items 2, 4, 6).
--
-- trading_decisions.reduce_only  the order may only reduce the position: capped at it when it fills, canceled once the
--                                position is flat or reversed. A CLOSE is reduce-only whatever it says; BUY and SELL are
--                                plain orders unless they ask (before, an opposing order no larger than the position was
--                                silently reduce-only).
-- accounts.limit_fill_model      'touch' (a resting limit fills when a quote touches its price, with fill_probability) or
--                                'queue' (behind the size displayed at its price when placed; prints at its price beyond
--                                the queue ahead, or the market trading through it, fill it).
-- paper_orders.queue_ahead       under 'queue': the size still ahead of a resting limit entry, carried from batch to batch.
-- accounts.fault_*               per-account injected faults, off by default, drawn per decision from random_seed.

ALTER TABLE trading_decisions
    ADD COLUMN reduce_only boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN trading_decisions.reduce_only IS
    'true: the order only reduces the position (capped at it, canceled once flat or reversed); CLOSE always does';

ALTER TABLE accounts
    ADD COLUMN limit_fill_model text NOT NULL DEFAULT 'touch'
        CONSTRAINT accounts_limit_fill_model_known CHECK (limit_fill_model IN ('touch', 'queue')),
    ADD COLUMN fault_reject_probability numeric(5,4) NOT NULL DEFAULT 0
        CONSTRAINT accounts_fault_reject_probability_range CHECK (fault_reject_probability >= 0 AND fault_reject_probability <= 1),
    ADD COLUMN fault_partial_probability numeric(5,4) NOT NULL DEFAULT 0
        CONSTRAINT accounts_fault_partial_probability_range CHECK (fault_partial_probability >= 0 AND fault_partial_probability <= 1),
    ADD COLUMN fault_latency_probability numeric(5,4) NOT NULL DEFAULT 0
        CONSTRAINT accounts_fault_latency_probability_range CHECK (fault_latency_probability >= 0 AND fault_latency_probability <= 1),
    ADD COLUMN fault_max_latency interval NOT NULL DEFAULT '0'
        CONSTRAINT accounts_fault_max_latency_range CHECK (fault_max_latency >= interval '0' AND fault_max_latency <= interval '10 minutes'),
    ADD COLUMN fault_stale_probability numeric(5,4) NOT NULL DEFAULT 0
        CONSTRAINT accounts_fault_stale_probability_range CHECK (fault_stale_probability >= 0 AND fault_stale_probability <= 1),
    ADD CONSTRAINT accounts_fault_latency_needs_max CHECK (fault_latency_probability = 0 OR fault_max_latency > interval '0');

-- `trading accounts` prints these for a refused row, as 0015 does for the other settings.
COMMENT ON CONSTRAINT accounts_limit_fill_model_known ON accounts IS 'limit_fill_model (--limit-fill-model) is touch or queue';
COMMENT ON CONSTRAINT accounts_fault_reject_probability_range ON accounts IS 'fault_reject_probability (--fault-reject) is between 0 and 1';
COMMENT ON CONSTRAINT accounts_fault_partial_probability_range ON accounts IS 'fault_partial_probability (--fault-partial) is between 0 and 1';
COMMENT ON CONSTRAINT accounts_fault_latency_probability_range ON accounts IS 'fault_latency_probability (--fault-latency) is between 0 and 1';
COMMENT ON CONSTRAINT accounts_fault_max_latency_range ON accounts IS 'fault_max_latency (--fault-max-latency) is from 0 up to 10 minutes';
COMMENT ON CONSTRAINT accounts_fault_stale_probability_range ON accounts IS 'fault_stale_probability (--fault-stale) is between 0 and 1';
COMMENT ON CONSTRAINT accounts_fault_latency_needs_max ON accounts IS 'a fault_latency_probability above 0 needs a fault_max_latency (--fault-max-latency) above 0';

ALTER TABLE paper_orders
    ADD COLUMN queue_ahead numeric(28,12) CONSTRAINT paper_orders_queue_ahead_nonnegative CHECK (queue_ahead >= 0 AND queue_ahead < 'Infinity');

COMMENT ON COLUMN paper_orders.queue_ahead IS
    'limit_fill_model queue: the size still ahead of this resting limit at its price; NULL under touch';

-- Agents and operators choose reduce_only as they choose the other order columns (0005, 0011); operators set the new
-- account settings as the others (0011).
GRANT INSERT (reduce_only) ON trading_decisions TO trading_agent, trading_operator;
GRANT UPDATE (limit_fill_model, fault_reject_probability, fault_partial_probability, fault_latency_probability,
              fault_max_latency, fault_stale_probability)
    ON accounts TO trading_operator;
