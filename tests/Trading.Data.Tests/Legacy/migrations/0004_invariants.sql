-- 0004: invariants(): the accounting rules of ARCHITECTURE.md as a query; every row it returns is a violation.
--
--   cash              accounts.cash = initial_capital + sum(paper_ledger.amount)
--   pnl               sum(trade net P&L) + sum(unrealised net P&L at the mark) = equity - initial capital - net deposits
--   position_vs_fills each position's signed quantity = the signed sum of the account's fills in that symbol
--   fill_ledger       each fill moved cash by exactly its signed notional and its fee
--   one_order         no decision has more than one order
--   terminal          no executed decision without an order, no processed decision without a reason
--   zero_position     no position row with zero quantity
CREATE FUNCTION invariants(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE sql STABLE AS
$$
    WITH accts AS (
        SELECT a.* FROM accounts a WHERE p_account IS NULL OR a.account = p_account
    ), ledger AS (
        SELECT l.account,
               COALESCE(sum(l.amount), 0) AS total,
               COALESCE(sum(l.amount) FILTER (WHERE l.kind IN ('deposit', 'withdrawal')), 0) AS deposits
        FROM paper_ledger l JOIN accts USING (account)
        GROUP BY l.account
    ), realized AS (
        SELECT t.account, sum(t.net_pnl) AS net FROM paper_trades t JOIN accts USING (account) GROUP BY t.account
    ), open_pos AS (
        SELECT p.account,
               sum(p.position_value)                           AS value,
               sum(p.unrealized_net_pnl)                       AS unrealized_net,
               count(*) FILTER (WHERE p.current_price IS NULL) AS unpriced
        FROM v_paper_open_positions p JOIN accts USING (account)
        GROUP BY p.account
    ), fills AS (
        SELECT f.account, f.symbol,
               sum(CASE f.side WHEN 'buy' THEN f.quantity ELSE -f.quantity END) AS signed_quantity
        FROM paper_fills f JOIN accts USING (account)
        GROUP BY f.account, f.symbol
    )
    SELECT a.account, 'cash',
           format('cash %s <> initial capital %s + ledger %s', a.cash, a.initial_capital, COALESCE(l.total, 0))
    FROM accts a LEFT JOIN ledger l USING (account)
    WHERE a.cash <> a.initial_capital + COALESCE(l.total, 0)
    UNION ALL
    SELECT a.account, 'pnl',
           format('realised net %s + unrealised net %s <> equity %s - initial capital %s - deposits %s',
                  COALESCE(r.net, 0), COALESCE(o.unrealized_net, 0), a.cash + COALESCE(o.value, 0),
                  a.initial_capital, COALESCE(l.deposits, 0))
    FROM accts a
    LEFT JOIN ledger l USING (account)
    LEFT JOIN realized r USING (account)
    LEFT JOIN open_pos o USING (account)
    WHERE COALESCE(o.unpriced, 0) = 0
      AND COALESCE(r.net, 0) + COALESCE(o.unrealized_net, 0)
          <> a.cash + COALESCE(o.value, 0) - a.initial_capital - COALESCE(l.deposits, 0)
    UNION ALL
    SELECT COALESCE(p.account, f.account), 'position_vs_fills',
           format('%s: position %s <> fills %s', COALESCE(p.symbol, f.symbol),
                  COALESCE(p.signed_quantity, 0), COALESCE(f.signed_quantity, 0))
    FROM (SELECT pp.* FROM paper_positions pp JOIN accts USING (account)) p
    FULL JOIN fills f ON f.account = p.account AND f.symbol = p.symbol
    WHERE COALESCE(p.signed_quantity, 0) <> COALESCE(f.signed_quantity, 0)
    UNION ALL
    SELECT f.account, 'fill_ledger',
           format('fill %s: ledger %s <> %s', f.fill_id, COALESCE(sum(l.amount), 0),
                  CASE f.side WHEN 'buy' THEN -f.notional ELSE f.notional END - f.fee)
    FROM paper_fills f
    JOIN accts USING (account)
    LEFT JOIN paper_ledger l ON l.fill_id = f.fill_id
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
    WHERE (d.status = 'executed' AND NOT EXISTS (SELECT 1 FROM paper_orders o WHERE o.decision_id = d.id))
       OR (d.status <> 'pending' AND (d.status_reason IS NULL OR d.processed_at IS NULL))
    UNION ALL
    SELECT p.account, 'zero_position', format('%s has quantity %s', p.symbol, p.quantity)
    FROM paper_positions p JOIN accts USING (account)
    WHERE p.quantity = 0
$$;
