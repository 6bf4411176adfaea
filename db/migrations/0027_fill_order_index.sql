-- 0027: paper_fills' order index carries the account, so joining fills to their orders is one probe per order (issue 15).
--
-- Every join of paper_fills to paper_orders is on (account, order_id) (their keys include the account since 0021). The
-- index on order_id alone left the planner a choice, and a database whose statistics autovacuum has not gathered yet
-- (a fresh one after a burst of fills, as a test's after a load) guessed one fill per account: it probed
-- paper_fills_account_time_idx by the account alone and filtered order_id, reading every fill of the account once per
-- order. invariants()'s fill_after_decision check took 253 s that way on 52,000 book-walk fills of one account (9,725
-- orders); with both columns in this index the same plan probes it instead: 0.15 s, and invariants() from 139 s to 1 s.
-- The index keeps order_id first, so a lookup by order_id alone uses it as before.
DROP INDEX paper_fills_order_idx;
CREATE INDEX paper_fills_order_idx ON paper_fills (order_id, account);
