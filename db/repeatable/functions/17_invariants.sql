-- invariants(): the accounting rules of ARCHITECTURE.md as a query; every row it returns is a violation. It is the
-- union of core_invariants (cash, P&L, positions, fills, orders), aggregate_violations, order_violations and
-- timing_violations. PL/pgSQL, not parameterised LANGUAGE sql (Citus cannot plan those); every join on an id has account.

CREATE OR REPLACE FUNCTION core_invariants(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE plpgsql STABLE AS
$$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH accts AS (
        SELECT a.* FROM accounts a WHERE p_account IS NULL OR a.account = p_account
    ), epochs AS (
        -- Every epoch holds the rule: the current one with its cash, a closed one with its final equity (it ended flat).
        SELECT a.account, a.epoch, a.cash, a.initial_capital, true AS current FROM accts a
        UNION ALL
        SELECT e.account, e.epoch, e.final_equity, e.initial_capital, false FROM paper_account_epochs e JOIN accts USING (account)
    ), ledger AS (
        SELECT l.account, l.epoch,
               COALESCE(sum(l.amount), 0) AS total,
               COALESCE(sum(l.amount) FILTER (WHERE l.kind IN ('deposit', 'withdrawal')), 0) AS deposits
        FROM paper_ledger l JOIN accts USING (account)
        GROUP BY l.account, l.epoch
    ), realized AS (
        SELECT t.account, t.epoch, sum(t.net_pnl) AS net FROM paper_trades t JOIN accts USING (account) GROUP BY t.account, t.epoch
    ), open_pos AS (
        SELECT p.account,
               sum(p.position_value)                           AS value,
               sum(p.unrealized_net_pnl)                       AS unrealized_net,
               count(*) FILTER (WHERE p.current_price IS NULL) AS unpriced
        FROM v_paper_open_positions p JOIN accts USING (account)
        GROUP BY p.account
    ), fills AS (
        SELECT f.account, f.epoch, f.symbol,
               sum(CASE f.side WHEN 'buy' THEN f.quantity ELSE -f.quantity END) AS signed_quantity
        FROM paper_fills f JOIN accts USING (account)
        GROUP BY f.account, f.epoch, f.symbol
    )
    SELECT a.account, 'cash',
           format('cash %s <> initial capital %s + ledger %s', a.cash, a.initial_capital, COALESCE(l.total, 0))
    FROM epochs a LEFT JOIN ledger l USING (account, epoch)
    WHERE a.cash <> a.initial_capital + COALESCE(l.total, 0)
    UNION ALL
    SELECT a.account, 'pnl',
           format('realised net %s + unrealised net %s <> equity %s - initial capital %s - deposits %s',
                  COALESCE(r.net, 0), COALESCE(o.unrealized_net, 0), a.cash + COALESCE(o.value, 0),
                  a.initial_capital, COALESCE(l.deposits, 0))
    FROM epochs a
    LEFT JOIN ledger l USING (account, epoch)
    LEFT JOIN realized r USING (account, epoch)
    LEFT JOIN open_pos o ON o.account = a.account AND a.current
    WHERE COALESCE(o.unpriced, 0) = 0
      AND COALESCE(r.net, 0) + COALESCE(o.unrealized_net, 0)
          <> a.cash + COALESCE(o.value, 0) - a.initial_capital - COALESCE(l.deposits, 0)
    UNION ALL
    SELECT COALESCE(p.account, f.account), 'position_vs_fills',
           format('%s: position %s <> fills %s', COALESCE(p.symbol, f.symbol),
                  COALESCE(p.signed_quantity, 0), COALESCE(f.signed_quantity, 0))
    FROM (SELECT pp.*, a.epoch FROM paper_positions pp JOIN accts a USING (account)) p
    FULL JOIN fills f ON f.account = p.account AND f.epoch = p.epoch AND f.symbol = p.symbol
    WHERE COALESCE(p.signed_quantity, 0) <> COALESCE(f.signed_quantity, 0)
    UNION ALL
    SELECT f.account, 'fill_ledger',
           format('fill %s: ledger %s <> %s', f.fill_id, COALESCE(sum(l.amount), 0),
                  CASE f.side WHEN 'buy' THEN -f.notional ELSE f.notional END - f.fee)
    FROM paper_fills f
    JOIN accts USING (account)
    LEFT JOIN paper_ledger l ON l.account = f.account AND l.fill_id = f.fill_id
    GROUP BY f.account, f.fill_id, f.side, f.notional, f.fee
    HAVING COALESCE(sum(l.amount), 0) <> CASE f.side WHEN 'buy' THEN -f.notional ELSE f.notional END - f.fee
    UNION ALL
    SELECT o.account, 'one_order', format('decision %s has %s orders', o.decision_id, count(*))
    FROM paper_orders o JOIN accts USING (account)
    WHERE o.decision_id IS NOT NULL
    GROUP BY o.account, o.decision_id
    HAVING count(*) > 1
    UNION ALL
    SELECT d.account, 'terminal', format('decision %s is %s without %s', d.id, d.status,
                                         CASE WHEN d.status = 'executed' THEN 'an order' ELSE 'a reason' END)
    FROM trading_decisions d JOIN accts USING (account)
    WHERE (d.status = 'executed' AND NOT EXISTS (SELECT 1 FROM paper_orders o WHERE o.account = d.account AND o.decision_id = d.id))
       OR (d.status <> 'pending' AND (d.status_reason IS NULL OR d.processed_at IS NULL))
    UNION ALL
    SELECT p.account, 'zero_position', format('%s has quantity %s', p.symbol, p.quantity)
    FROM paper_positions p JOIN accts USING (account)
    WHERE p.quantity = 0;
END;
$$;
REVOKE ALL ON FUNCTION core_invariants(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION core_invariants(text) TO PUBLIC, trading_orchestrator;

-- invariants() gains an audit of the aggregates against the rows they summarise (per account and epoch).
CREATE OR REPLACE FUNCTION aggregate_violations(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE plpgsql STABLE AS
$$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT COALESCE(s.account, t.account), 'trade_stats',
           format('aggregates say %s trades netting %s; paper_trades has %s netting %s',
                  COALESCE(s.total_trades, 0), COALESCE(s.net_pnl, 0), COALESCE(t.n, 0), COALESCE(t.net, 0))
    FROM (SELECT * FROM paper_account_stats WHERE p_account IS NULL OR account = p_account) s
    FULL JOIN (SELECT account, epoch, count(*) AS n, sum(net_pnl) AS net FROM paper_trades
               WHERE p_account IS NULL OR account = p_account GROUP BY account, epoch) t ON t.account = s.account AND t.epoch = s.epoch
    WHERE COALESCE(s.total_trades, 0) <> COALESCE(t.n, 0) OR COALESCE(s.net_pnl, 0) <> COALESCE(t.net, 0);
END;
$$;
REVOKE ALL ON FUNCTION aggregate_violations(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION aggregate_violations(text) TO PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- Invariants of the order book, composed into invariants():
--   order_fills     an order's filled quantity and average price are its fills' sum and weighted mean
--   placed_order    a placed decision's order exists and came from it
--   working_exit    a working reduce-only exit has a position to reduce (a flat position cancels its exits)
--   cancel_answered no cancel request is left without an outcome once processed (the CHECK says so; listed for audits)
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION order_violations(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE plpgsql STABLE AS
$$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH fills AS (
        SELECT f.account, f.order_id, sum(f.quantity) AS quantity, sum(f.quantity * f.price) AS value
        FROM paper_fills f
        WHERE p_account IS NULL OR f.account = p_account
        GROUP BY f.account, f.order_id
    )
    SELECT o.account, 'order_fills',
           format('order %s: filled %s at %s <> fills %s at %s', o.order_id, o.filled_quantity, o.avg_fill_price,
                  COALESCE(f.quantity, 0), round(f.value / NULLIF(f.quantity, 0), 10))
    FROM paper_orders o
    LEFT JOIN fills f ON f.account = o.account AND f.order_id = o.order_id
    WHERE (p_account IS NULL OR o.account = p_account)
      AND (o.filled_quantity <> COALESCE(f.quantity, 0)
           OR abs(COALESCE(o.avg_fill_price, 0) - COALESCE(round(f.value / NULLIF(f.quantity, 0), 10), 0)) > 0.0000000001)
    UNION ALL
    SELECT d.account, 'placed_order', format('decision %s is placed but order %s is not its order', d.id, d.order_id)
    FROM trading_decisions d
    LEFT JOIN paper_orders o ON o.account = d.account AND o.order_id = d.order_id
    WHERE (p_account IS NULL OR d.account = p_account)
      AND d.status = 'placed' AND (o.order_id IS NULL OR o.decision_id IS DISTINCT FROM d.id)
    UNION ALL
    SELECT o.account, 'working_exit', format('order %s (%s %s) works with no position to reduce', o.order_id, o.role, o.symbol)
    FROM paper_orders o
    LEFT JOIN paper_positions p ON p.account = o.account AND p.symbol = o.symbol
    WHERE (p_account IS NULL OR o.account = p_account)
      AND o.reduce_only AND o.status IN ('open', 'partially_filled')
      AND (p.account IS NULL OR p.side = CASE o.side WHEN 'sell' THEN 'short' ELSE 'long' END);
END;
$$;
REVOKE ALL ON FUNCTION order_violations(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION order_violations(text) TO PUBLIC;

    -- fill_at_newest_quote: an arrival fill (made in the batch that placed its order) is priced by the newest quote of
    -- its symbol at or before its price time: the fill's time, or for a delayed fill (latency) the decision's creation
    -- plus the latency, where the engine takes the first quote at or after that moment (never older than this one). A
    -- quote counts only once the database had received it before the fill (received_at, 0025): one inserted late
    -- with an old timestamp could not have priced the fill. received_at is stamped at insert, and a claim sees only
    -- committed quotes, so a quote inserted just before the fill may commit after the claim's snapshot: it counts
    -- from one second after its receipt (the allowance for its transaction to commit; a concurrency test's feed
    -- commits within milliseconds, yet it put 490 of 10,000 fills within 5 ms of such a quote). Resting fills
    -- are priced on the quote path after placement, and replayed decisions (price_as_of) at their bar, so both are
    -- left out, as above.
-- One rule, two plans: on one server ORDER BY … LIMIT 1 is one index probe per fill (a join over the range took over 30 s
-- on a kill-switch test's fills); Citus cannot push a correlated LIMIT down ("cannot push down this subquery"), so there
-- the same rule is a join with the reference table and a max, which it can.
CREATE OR REPLACE FUNCTION newest_quote_violations(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
#variable_conflict use_column
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RETURN QUERY
        SELECT f.account, 'fill_at_newest_quote',
               format('fill %s of decision %s used the quote of %s; the quote of %s (received %s) was newer and at or before %s',
                      f.fill_id, d.id, f.quote_time, n.time, n.received_at, n.price_time)
        FROM paper_fills f
        JOIN paper_orders o ON o.order_id = f.order_id AND o.account = f.account
        JOIN trading_decisions d ON d.id = o.decision_id AND d.account = o.account
        CROSS JOIN LATERAL (
            SELECT m.time, m.received_at, p.price_time
            FROM (SELECT CASE WHEN f.latency > interval '0' THEN d.created_at + f.latency ELSE f.filled_at END AS price_time) p
            JOIN market_prices m ON m.symbol = f.symbol AND m.time > f.quote_time AND m.time <= p.price_time
            WHERE m.received_at < f.filled_at - interval '1 second'
            ORDER BY m.time DESC
            LIMIT 1
        ) n
        WHERE (p_account IS NULL OR f.account = p_account)
          AND d.price_as_of IS NULL
          AND f.filled_at = o.created_at;
        RETURN;
    END IF;

    RETURN QUERY
    SELECT f.account, 'fill_at_newest_quote',
           format('fill %s of decision %s used the quote of %s; the quote of %s (received %s) was newer and at or before %s',
                  f.fill_id, d.id, f.quote_time, max(m.time), (array_agg(m.received_at ORDER BY m.time DESC))[1],
                  CASE WHEN f.latency > interval '0' THEN d.created_at + f.latency ELSE f.filled_at END)
    FROM paper_fills f
    JOIN paper_orders o ON o.order_id = f.order_id AND o.account = f.account
    JOIN trading_decisions d ON d.id = o.decision_id AND d.account = o.account
    JOIN market_prices m ON m.symbol = f.symbol AND m.time > f.quote_time
                        AND m.time <= CASE WHEN f.latency > interval '0' THEN d.created_at + f.latency ELSE f.filled_at END
                        AND m.received_at < f.filled_at - interval '1 second'
    WHERE (p_account IS NULL OR f.account = p_account)
      AND d.price_as_of IS NULL
      AND f.filled_at = o.created_at
    GROUP BY f.account, f.fill_id, d.id, f.quote_time, f.latency, d.created_at, f.filled_at;
END;
$$;
REVOKE ALL ON FUNCTION newest_quote_violations(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION newest_quote_violations(text) TO PUBLIC;

CREATE OR REPLACE FUNCTION timing_violations(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT f.account, 'fill_after_decision',
           format('fill %s of decision %s at %s precedes the decision, created at %s', f.fill_id, d.id, f.filled_at, d.created_at)
    FROM paper_fills f
    JOIN paper_orders o ON o.account = f.account AND o.order_id = f.order_id
    JOIN trading_decisions d ON d.account = o.account AND d.id = o.decision_id
    WHERE (p_account IS NULL OR f.account = p_account)
      AND d.price_as_of IS NULL
      AND f.filled_at < d.created_at
    UNION ALL
    SELECT * FROM newest_quote_violations(p_account);
END;
$$;
REVOKE ALL ON FUNCTION timing_violations(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION timing_violations(text) TO PUBLIC;

CREATE OR REPLACE FUNCTION invariants(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE plpgsql STABLE AS
$$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT * FROM core_invariants(p_account)
    UNION ALL
    SELECT * FROM aggregate_violations(p_account)
    UNION ALL
    SELECT * FROM order_violations(p_account)
    UNION ALL
    SELECT * FROM timing_violations(p_account);
END;
$$;
REVOKE ALL ON FUNCTION invariants(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION invariants(text) TO PUBLIC;
