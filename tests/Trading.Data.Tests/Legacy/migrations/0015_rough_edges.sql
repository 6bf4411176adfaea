-- 0015: a refused row says what is allowed: each CHECK a user can meet carries that sentence as its comment.
--
-- The comment is the one place the sentence lives: `trading` prints it for a refused row (with the constraint's name), a
-- SQL client reads it with `SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = '...'`.

COMMENT ON CONSTRAINT accounts_account_format ON accounts IS
    'an account name is 1 to 63 characters: lower-case letters, digits, and _ . - after the first (which is a letter or digit), e.g. alpha or desk-2';
COMMENT ON CONSTRAINT accounts_currency_format ON accounts IS 'base_currency is 3 to 5 upper-case letters, e.g. USDT';
COMMENT ON CONSTRAINT accounts_confidence_threshold_range ON accounts IS 'confidence_threshold is between 0 and 1';
COMMENT ON CONSTRAINT accounts_default_stop_loss_pct_range ON accounts IS 'default_stop_loss_pct (--stop-loss-pct) is a percent above 0 and below 100, or NULL for none';
COMMENT ON CONSTRAINT accounts_default_take_profit_pct_range ON accounts IS 'default_take_profit_pct (--take-profit-pct) is a percent above 0 and at most 10000, or NULL for none';
COMMENT ON CONSTRAINT accounts_fee_rate_range ON accounts IS 'fee_rate (--fee-rate) is a fraction of the notional from 0 up to but excluding 0.1 (0.001 = 0.1 %)';
COMMENT ON CONSTRAINT accounts_maker_fee_rate_range ON accounts IS 'maker_fee_rate is a fraction of the notional from 0 up to but excluding 0.1, or NULL to charge fee_rate';
COMMENT ON CONSTRAINT accounts_fill_probability_range ON accounts IS 'fill_probability is between 0 and 1';
COMMENT ON CONSTRAINT accounts_initial_capital_positive ON accounts IS 'initial capital (--capital) is above 0';
COMMENT ON CONSTRAINT accounts_initial_capital_max ON accounts IS 'initial capital (--capital) is below max_amount()';
COMMENT ON CONSTRAINT accounts_latency_nonnegative ON accounts IS 'latency is from 0 up to but excluding 1 hour';
COMMENT ON CONSTRAINT accounts_leverage_range ON accounts IS 'leverage is from 1 (spot) to 100';
COMMENT ON CONSTRAINT accounts_max_position_fraction_range ON accounts IS 'max_position_fraction is above 0 and at most 1 (a fraction of equity)';
COMMENT ON CONSTRAINT accounts_min_fee_nonnegative ON accounts IS 'min_fee is 0 or more';
COMMENT ON CONSTRAINT accounts_min_fee_max ON accounts IS 'min_fee is below max_amount()';
COMMENT ON CONSTRAINT accounts_slippage_model_known ON accounts IS 'slippage_model (--slippage-model) is one of none, fixed, seed';
COMMENT ON CONSTRAINT accounts_slippage_rate_range ON accounts IS 'slippage_rate is a fraction of the price from 0 up to but excluding 0.1';
COMMENT ON CONSTRAINT accounts_spread_fraction_range ON accounts IS 'spread_fraction is a fraction of the mid from 0 up to but excluding 0.1';
COMMENT ON CONSTRAINT accounts_staleness_bound_positive ON accounts IS 'staleness_bound is a positive interval, e.g. 60 seconds';

COMMENT ON CONSTRAINT trading_decisions_decision_known ON trading_decisions IS 'decision is one of BUY, SELL, CLOSE, HOLD';
COMMENT ON CONSTRAINT trading_decisions_confidence_range ON trading_decisions IS 'confidence (--confidence) is between 0 and 1';
COMMENT ON CONSTRAINT trading_decisions_risk_score_range ON trading_decisions IS 'risk_score (--risk) is between 0 and 1';
COMMENT ON CONSTRAINT trading_decisions_current_price_positive ON trading_decisions IS 'current_price is above 0 (it is informational: fills use market_prices)';
COMMENT ON CONSTRAINT trading_decisions_order_type_known ON trading_decisions IS 'order_type (--type) is one of market, limit, stop, stop_limit, trailing_stop';
COMMENT ON CONSTRAINT trading_decisions_time_in_force_known ON trading_decisions IS 'time_in_force (--tif) is one of gtc, day, ioc, fok, gtd';
COMMENT ON CONSTRAINT trading_decisions_exit_unit_known ON trading_decisions IS 'exit_unit is price or percent (--percent)';
COMMENT ON CONSTRAINT trading_decisions_limit_needs_price ON trading_decisions IS 'a limit or stop_limit order needs limit_price (--limit)';
COMMENT ON CONSTRAINT trading_decisions_limit_price_only_limit ON trading_decisions IS 'limit_price (--limit) belongs to limit and stop_limit orders only (set order_type, --type)';
COMMENT ON CONSTRAINT trading_decisions_stop_needs_price ON trading_decisions IS 'a stop or stop_limit order needs stop_price (--stop)';
COMMENT ON CONSTRAINT trading_decisions_stop_price_only_stop ON trading_decisions IS 'stop_price (--stop) belongs to stop and stop_limit orders only (set order_type, --type)';
COMMENT ON CONSTRAINT trading_decisions_trailing_needs_offset ON trading_decisions IS 'a trailing_stop order needs trailing_offset (--trailing)';
COMMENT ON CONSTRAINT trading_decisions_gtd_needs_expiry ON trading_decisions IS 'time_in_force gtd needs expires_at (--expires)';
COMMENT ON CONSTRAINT trading_decisions_expires_at_only_gtd ON trading_decisions IS 'expires_at (--expires) belongs to time_in_force gtd only';
COMMENT ON CONSTRAINT trading_decisions_size_exclusive ON trading_decisions IS 'give quantity or notional, not both';
COMMENT ON CONSTRAINT trading_decisions_quantity_positive ON trading_decisions IS 'quantity (--quantity) is above 0';
COMMENT ON CONSTRAINT trading_decisions_notional_positive ON trading_decisions IS 'notional (--notional) is above 0';
COMMENT ON CONSTRAINT trading_decisions_limit_price_positive ON trading_decisions IS 'limit_price (--limit) is above 0';
COMMENT ON CONSTRAINT trading_decisions_stop_price_positive ON trading_decisions IS 'stop_price (--stop) is above 0';
COMMENT ON CONSTRAINT trading_decisions_stop_loss_positive ON trading_decisions IS 'stop_loss (--stop-loss) is above 0';
COMMENT ON CONSTRAINT trading_decisions_take_profit_positive ON trading_decisions IS 'take_profit (--take-profit) is above 0';
COMMENT ON CONSTRAINT trading_decisions_trailing_offset_positive ON trading_decisions IS 'trailing_offset (--trailing) is above 0';
COMMENT ON CONSTRAINT trading_decisions_percent_below_100 ON trading_decisions IS 'with exit_unit percent, stop_loss and trailing_offset are below 100';
COMMENT ON CONSTRAINT trading_decisions_take_profit_percent_max ON trading_decisions IS 'with exit_unit percent, take_profit is at most 10000';
COMMENT ON CONSTRAINT trading_decisions_idempotency_key_length ON trading_decisions IS 'idempotency_key is 1 to 200 characters';
COMMENT ON CONSTRAINT trading_decisions_agent_length ON trading_decisions IS 'agent is at most 200 characters';
COMMENT ON CONSTRAINT trading_decisions_strategy_length ON trading_decisions IS 'strategy is at most 200 characters';
COMMENT ON CONSTRAINT trading_decisions_reasoning_length ON trading_decisions IS 'reasoning is at most 20000 characters';
COMMENT ON CONSTRAINT trading_decisions_price_max ON trading_decisions IS 'prices and price levels are below max_price()';
COMMENT ON CONSTRAINT trading_decisions_quantity_max ON trading_decisions IS 'quantity is below max_quantity()';
COMMENT ON CONSTRAINT trading_decisions_notional_max ON trading_decisions IS 'notional is below max_amount()';
