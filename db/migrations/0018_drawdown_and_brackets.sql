-- 0018: one drawdown (the view's max_drawdown_pct is the deepest point of the stored equity curve, as the report and gates compute it); a position's stop and target are its brackets'.
-- The views and functions this migration defined live in db/repeatable/ (one current definition each).
--
-- The definition, said once here and followed by `trading report`, `trading gates` and v_paper_equity_curve:
--   drawdown     = total_value - running peak of total_value over the account's stored snapshots (never above 0)
--   drawdown_pct = drawdown / running peak x 100, rounded to 4 places (never above 0: a fall is negative)
--   max_drawdown(_pct) = the lowest (deepest) of these over the account's history, 0 with no snapshots
-- Before, paper_account_stats folded in every mark the snapshot tick wrote, also marks a later tick in the same
-- bucket overwrote (the stored snapshot keeps the bucket's last mark): a mark that no stored snapshot shows could
-- set the view's peak or trough, so the view disagreed with the report over the same account. Now a tick that
-- overwrites a bucket rebuilds that account's peak and drawdown from the stored snapshots (one pass over them, and
-- only on an overwrite, which the tick's own schedule makes rare).

-- `trading instruments add` (issue 14 item 3) prints these for a refused row, as 0015 does for accounts and decisions.
COMMENT ON CONSTRAINT instruments_symbol_format ON instruments IS 'a symbol is BASE/QUOTE (or one name): capitals and digits, 1 to 20 each, e.g. DOGE/USDT';
COMMENT ON CONSTRAINT instruments_tick_size_positive ON instruments IS 'tick_size (--tick) is above 0 with at most 10 decimal places';
COMMENT ON CONSTRAINT instruments_lot_size_positive ON instruments IS 'lot_size (--lot) is above 0 with at most 12 decimal places';
COMMENT ON CONSTRAINT instruments_min_notional_nonnegative ON instruments IS 'min_notional (--min-notional) is 0 or more';
COMMENT ON CONSTRAINT instruments_tick_size_max ON instruments IS 'tick_size (--tick) is below max_price()';
COMMENT ON CONSTRAINT instruments_lot_size_max ON instruments IS 'lot_size (--lot) is below max_quantity()';
COMMENT ON CONSTRAINT instruments_min_notional_max ON instruments IS 'min_notional (--min-notional) is below max_amount()';
