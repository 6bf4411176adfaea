-- 0019: no fill precedes its decision (issue 15, item 1).
--
-- A batch used to read its clock before claiming: a claim that waited on a lock then executed decisions created while
-- it waited at the quotes of before, a free look-back (a fill stamped before its decision, at a superseded quote). The
-- orchestrator now reads the execution time once the accounts are locked, never earlier than a claimed decision's
-- creation, and chooses the quotes for that same time. This invariant holds it to that.
--
--   fill_after_decision  an arrival fill of a decision is at or after the decision's creation. A strategy replay's
--                        decisions (price_as_of set) are priced as of their bar, by design, and are left out.

CREATE FUNCTION timing_violations(p_account text DEFAULT NULL)
    RETURNS TABLE (account text, invariant text, detail text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
    SELECT f.account, 'fill_after_decision',
           format('fill %s of decision %s at %s precedes the decision, created at %s', f.fill_id, d.id, f.filled_at, d.created_at)
    FROM paper_fills f
    JOIN paper_orders o ON o.order_id = f.order_id
    JOIN trading_decisions d ON d.id = o.decision_id
    WHERE (p_account IS NULL OR f.account = p_account)
      AND d.price_as_of IS NULL
      AND f.filled_at < d.created_at
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
    UNION ALL
    SELECT * FROM timing_violations(p_account)
$$;
