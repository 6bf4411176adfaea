using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>Malformed rows are refused at INSERT by the database itself, each with the constraint that says why.</summary>
public sealed class ConstraintTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Decision = "INSERT INTO trading_decisions (symbol, decision, confidence";
    private const string Session = "INSERT INTO strategy_sessions (name, config, account";

    /// <summary>(expected constraint name or SQLSTATE, statement).</summary>
    public static TheoryData<string, string> BadRows => new()
    {
        { "trading_decisions_decision_known", $"{Decision}) VALUES ('BTC/USDT', 'buy', 0.7)" },
        { "trading_decisions_decision_known", $"{Decision}) VALUES ('BTC/USDT', 'YOLO', 0.7)" },
        { PostgresErrorCodes.NotNullViolation, $"{Decision}) VALUES ('BTC/USDT', NULL, 0.7)" },
        { PostgresErrorCodes.NotNullViolation, $"{Decision}) VALUES ('BTC/USDT', 'BUY', NULL)" },
        { PostgresErrorCodes.NotNullViolation, $"{Decision}) VALUES (NULL, 'BUY', 0.7)" },
        { "trading_decisions_confidence_range", $"{Decision}) VALUES ('BTC/USDT', 'BUY', 1.5)" },
        { "trading_decisions_confidence_range", $"{Decision}) VALUES ('BTC/USDT', 'BUY', -0.1)" },
        { "trading_decisions_confidence_range", $"{Decision}) VALUES ('BTC/USDT', 'BUY', 'NaN')" },
        { PostgresErrorCodes.NumericValueOutOfRange, $"{Decision}) VALUES ('BTC/USDT', 'BUY', 'Infinity')" },
        { "trading_decisions_risk_score_range", $"{Decision}, risk_score) VALUES ('BTC/USDT', 'BUY', 0.7, 1.01)" },
        { "trading_decisions_quantity_positive", $"{Decision}, quantity) VALUES ('BTC/USDT', 'BUY', 0.7, 0)" },
        { "trading_decisions_quantity_positive", $"{Decision}, quantity) VALUES ('BTC/USDT', 'BUY', 0.7, -3)" },
        { "trading_decisions_quantity_max", $"{Decision}, quantity) VALUES ('BTC/USDT', 'BUY', 0.7, 'NaN')" },
        { PostgresErrorCodes.NumericValueOutOfRange, $"{Decision}, quantity) VALUES ('BTC/USDT', 'BUY', 0.7, 1e30)" },
        { "trading_decisions_notional_positive", $"{Decision}, notional) VALUES ('BTC/USDT', 'BUY', 0.7, -5)" },
        { "trading_decisions_size_exclusive", $"{Decision}, quantity, notional) VALUES ('BTC/USDT', 'BUY', 0.7, 1, 100)" },
        { "trading_decisions_current_price_positive", $"{Decision}, current_price) VALUES ('BTC/USDT', 'BUY', 0.7, 0)" },
        { "trading_decisions_order_type_known", $"{Decision}, order_type) VALUES ('BTC/USDT', 'BUY', 0.7, 'iceberg')" },
        { "trading_decisions_limit_needs_price", $"{Decision}, order_type) VALUES ('BTC/USDT', 'BUY', 0.7, 'limit')" },
        { "trading_decisions_limit_needs_price", $"{Decision}, order_type, stop_price) VALUES ('BTC/USDT', 'BUY', 0.7, 'stop_limit', 10)" },
        { "trading_decisions_stop_needs_price", $"{Decision}, order_type) VALUES ('BTC/USDT', 'BUY', 0.7, 'stop')" },
        { "trading_decisions_trailing_needs_offset", $"{Decision}, order_type) VALUES ('BTC/USDT', 'BUY', 0.7, 'trailing_stop')" },
        { "trading_decisions_limit_price_positive", $"{Decision}, order_type, limit_price) VALUES ('BTC/USDT', 'BUY', 0.7, 'limit', -1)" },
        { "trading_decisions_stop_price_positive", $"{Decision}, order_type, stop_price) VALUES ('BTC/USDT', 'BUY', 0.7, 'stop', 0)" },
        { "trading_decisions_stop_loss_positive", $"{Decision}, stop_loss) VALUES ('BTC/USDT', 'BUY', 0.7, 0)" },
        { "trading_decisions_take_profit_positive", $"{Decision}, take_profit) VALUES ('BTC/USDT', 'BUY', 0.7, -1)" },
        { "trading_decisions_trailing_offset_positive", $"{Decision}, trailing_offset) VALUES ('BTC/USDT', 'BUY', 0.7, 0)" },
        { "trading_decisions_time_in_force_known", $"{Decision}, time_in_force) VALUES ('BTC/USDT', 'BUY', 0.7, 'forever')" },
        { "trading_decisions_gtd_needs_expiry", $"{Decision}, time_in_force) VALUES ('BTC/USDT', 'BUY', 0.7, 'gtd')" },
        { "trading_decisions_expiry_in_future", $"{Decision}, time_in_force, expires_at) VALUES ('BTC/USDT', 'BUY', 0.7, 'gtd', now() - interval '1 minute')" },
        { "trading_decisions_symbol_fkey", $"{Decision}) VALUES ('DOGE/XYZ', 'BUY', 0.7)" },
        { "trading_decisions_account_fkey", $"{Decision}, account) VALUES ('BTC/USDT', 'BUY', 0.7, 'nobody')" },
        { "trading_decisions_reasoning_length", $"{Decision}, reasoning) VALUES ('BTC/USDT', 'BUY', 0.7, repeat('x', 1048576))" },
        { "trading_decisions_agent_length", $"{Decision}, agent) VALUES ('BTC/USDT', 'BUY', 0.7, repeat('a', 201))" },
        { "trading_decisions_strategy_length", $"{Decision}, strategy) VALUES ('BTC/USDT', 'BUY', 0.7, repeat('s', 201))" },
        { "trading_decisions_idempotency_key_length", $"{Decision}, idempotency_key) VALUES ('BTC/USDT', 'BUY', 0.7, '')" },
        { "accounts_account_format", "INSERT INTO accounts (account) VALUES ('Bad Name')" },
        { "accounts_currency_format", "INSERT INTO accounts (account, base_currency) VALUES ('c1', 'usd')" },
        { "accounts_initial_capital_positive", "INSERT INTO accounts (account, initial_capital) VALUES ('c2', 0)" },
        { "accounts_fee_rate_range", "INSERT INTO accounts (account, fee_rate) VALUES ('c3', 0.5)" },
        { "accounts_maker_fee_rate_range", "INSERT INTO accounts (account, maker_fee_rate) VALUES ('c3b', -0.001)" },
        { "accounts_min_fee_nonnegative", "INSERT INTO accounts (account, min_fee) VALUES ('c4', -1)" },
        { "accounts_slippage_model_known", "INSERT INTO accounts (account, slippage_model) VALUES ('c5', 'magic')" },
        { "accounts_slippage_rate_range", "INSERT INTO accounts (account, slippage_rate) VALUES ('c6', 1)" },
        { "accounts_spread_fraction_range", "INSERT INTO accounts (account, spread_fraction) VALUES ('c7', -0.1)" },
        { "accounts_max_position_fraction_range", "INSERT INTO accounts (account, max_position_fraction) VALUES ('c8', 0)" },
        { "accounts_leverage_range", "INSERT INTO accounts (account, leverage) VALUES ('c9', 0.5)" },
        { "accounts_confidence_threshold_range", "INSERT INTO accounts (account, confidence_threshold) VALUES ('c10', 1.1)" },
        { "accounts_staleness_bound_positive", "INSERT INTO accounts (account, staleness_bound) VALUES ('c11', '0')" },
        { "accounts_latency_nonnegative", "INSERT INTO accounts (account, latency) VALUES ('c12', '-1 second')" },
        { "accounts_halt_has_reason", "INSERT INTO accounts (account, halted) VALUES ('c13', true)" },
        { "accounts_epoch_positive", "INSERT INTO accounts (account, epoch) VALUES ('c14', 0)" },
        { "instruments_symbol_format", "INSERT INTO instruments (symbol) VALUES ('btc usdt')" },
        { "instruments_tick_size_positive", "INSERT INTO instruments (symbol, tick_size) VALUES ('X1/USDT', 0)" },
        { "instruments_lot_size_positive", "INSERT INTO instruments (symbol, lot_size) VALUES ('X2/USDT', -1)" },
        { "instruments_min_notional_nonnegative", "INSERT INTO instruments (symbol, min_notional) VALUES ('X3/USDT', -1)" },
        { "market_prices_not_crossed", "INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 101, 100)" },
        { "market_prices_has_price", "INSERT INTO market_prices (time, symbol, bid) VALUES (now(), 'BTC/USDT', 100)" },
        { "market_prices_bid_positive", "INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', -1, 100)" },
        { "market_prices_ask_positive", "INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 1, 'NaN')" },
        { "market_prices_last_positive", "INSERT INTO market_prices (time, symbol, last) VALUES (now(), 'BTC/USDT', 0)" },
        { "market_prices_bid_size_nonnegative", "INSERT INTO market_prices (time, symbol, last, bid_size) VALUES (now(), 'BTC/USDT', 1, -1)" },
        { "market_prices_ask_size_nonnegative", "INSERT INTO market_prices (time, symbol, last, ask_size) VALUES (now(), 'BTC/USDT', 1, -1)" },
        { "market_prices_volume_nonnegative", "INSERT INTO market_prices (time, symbol, last, volume) VALUES (now(), 'BTC/USDT', 1, -1)" },
        { "market_depth_side_valid", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'mid', 0, 1, 1)" },
        { "market_depth_level_range", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', -1, 1, 1)" },
        { "market_depth_price_range", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 0, 1)" },
        { "market_depth_price_range", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 1e9, 1)" },
        { "market_depth_size_finite", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 1, -1)" },
        { "market_depth_size_finite", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 1, 'NaN')" },
        { "market_depth_time_finite", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES ('infinity', 'X', 'bid', 0, 1, 1)" },
        { "market_trades_size_positive", "INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES (now(), 'X', 1, 1, 0)" },
        { "market_trades_price_range", "INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES (now(), 'X', 1, 'NaN', 1)" },
        { "market_trades_time_finite", "INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES ('-infinity', 'X', 1, 1, 1)" },
        { "market_trades_aggressor_valid", "INSERT INTO market_trades (time, symbol, trade_id, price, size, aggressor) VALUES (now(), 'X', 1, 1, 1, 'BUY')" },
        { "paper_positions_quantity_positive", "INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, opened_at, updated_at) VALUES ('default', 'BTC/USDT', 'long', 0, 1, now(), now())" },
        { "paper_positions_side_known", "INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, opened_at, updated_at) VALUES ('default', 'BTC/USDT', 'flat', 1, 1, now(), now())" },
        { "paper_positions_cost_basis_positive", "INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, opened_at, updated_at) VALUES ('default', 'BTC/USDT', 'long', 1, 0, now(), now())" },
        { "paper_positions_entry_fees_nonnegative", "INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at) VALUES ('default', 'BTC/USDT', 'long', 1, 1, -1, now(), now())" },
        { "paper_orders_side_known", Order("side => 'hold'") },
        { "paper_orders_order_type_known", Order("order_type => 'iceberg'") },
        { "paper_orders_time_in_force_known", Order("time_in_force => 'never'") },
        { "paper_orders_quantity_positive", Order("quantity => 0") },
        { "paper_orders_status_known", Order("status => 'lost'") },
        { "paper_orders_fill_bounded", Order("filled_quantity => 2") },
        { "paper_fills_side_known", Fill("side => 'up'") },
        { "paper_fills_quantity_positive", Fill("quantity => 0") },
        { "paper_fills_price_positive", Fill("price => 0") },
        { "paper_fills_fee_nonnegative", Fill("fee => -1") },
        { "paper_fills_liquidity_known", Fill("liquidity => 'both'") },
        { "paper_trades_side_known", Trade("side => 'up'") },
        { "paper_trades_quantity_positive", Trade("quantity => 0") },
        { "paper_trades_net_is_gross_minus_fees", Trade("net_pnl => 5") },
        { "paper_risk_limits_kind_known", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('default', 'max_leverage', 2)" },
        { "paper_risk_limits_threshold_positive", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('default', 'max_order_notional', -1)" },
        { "paper_risk_limits_fraction_range", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('default', 'max_daily_loss', 2)" },
        { "paper_risk_limits_count_whole", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('default', 'max_open_positions', 1.5)" },
        { "paper_risk_limits_loss_account_wide", "INSERT INTO paper_risk_limits (account, kind, threshold, symbol) VALUES ('default', 'max_drawdown', 0.1, 'BTC/USDT')" },
        { "paper_risk_limits_loss_login_wide", "INSERT INTO paper_risk_limits (account, kind, threshold, login) VALUES ('default', 'max_drawdown', 0.1, 'alice')" },
        { "paper_risk_limits_login_length", "INSERT INTO paper_risk_limits (account, kind, threshold, login) VALUES ('default', 'max_order_notional', 1, '')" },
        { "account_grants_account_length", "INSERT INTO account_grants (role, account, can_trade, can_read) VALUES ('trading_agent', '', true, true)" },
        { "account_grants_some_right", "INSERT INTO account_grants (role, account, can_trade, can_read) VALUES ('trading_agent', 'default', false, false)" },
        { "paper_risk_limit_history_operation_known", "INSERT INTO paper_risk_limit_history (limit_id, account, kind, operation) VALUES (1, 'default', 'max_drawdown', 'MERGE')" },
        { "trading_decisions_exit_unit_known", $"{Decision}, exit_unit) VALUES ('BTC/USDT', 'BUY', 0.7, 'bps')" },
        { "trading_decisions_percent_below_100", $"{Decision}, stop_loss, exit_unit) VALUES ('BTC/USDT', 'BUY', 0.7, 100, 'percent')" },
        { "trading_decisions_percent_below_100", $"{Decision}, trailing_offset, exit_unit) VALUES ('BTC/USDT', 'BUY', 0.7, 150, 'percent')" },
        { "accounts_default_stop_loss_pct_range", "INSERT INTO accounts (account, default_stop_loss_pct) VALUES ('c14', 100)" },
        { "accounts_default_take_profit_pct_range", "INSERT INTO accounts (account, default_take_profit_pct) VALUES ('c15', 0)" },
        { "accounts_fill_probability_range", "INSERT INTO accounts (account, fill_probability) VALUES ('c16', 1.5)" },
        { "accounts_limit_fill_model_known", "INSERT INTO accounts (account, limit_fill_model) VALUES ('c17', 'fifo')" },
        { "accounts_fault_reject_probability_range", "INSERT INTO accounts (account, fault_reject_probability) VALUES ('c18', 1.5)" },
        { "accounts_fault_partial_probability_range", "INSERT INTO accounts (account, fault_partial_probability) VALUES ('c19', -0.1)" },
        { "accounts_fault_latency_probability_range", "INSERT INTO accounts (account, fault_latency_probability, fault_max_latency) VALUES ('c20', 2, '1 second')" },
        { "accounts_fault_max_latency_range", "INSERT INTO accounts (account, fault_max_latency) VALUES ('c21', '11 minutes')" },
        { "accounts_fault_stale_probability_range", "INSERT INTO accounts (account, fault_stale_probability) VALUES ('c22', 1.01)" },
        { "accounts_fault_latency_needs_max", "INSERT INTO accounts (account, fault_latency_probability) VALUES ('c23', 0.5)" },
        { "paper_orders_queue_ahead_nonnegative", Order("queue_ahead => -1") },
        { "accounts_slippage_model_known", "INSERT INTO accounts (account, slippage_model) VALUES ('c24', 'sqrt')" },
        { "accounts_liquidity_model_known", "INSERT INTO accounts (account, liquidity_model) VALUES ('c25', 'deep')" },
        { "accounts_synthetic_levels_range", "INSERT INTO accounts (account, synthetic_levels) VALUES ('c26', 0)" },
        { "accounts_synthetic_units_per_tick_range", "INSERT INTO accounts (account, synthetic_units_per_tick) VALUES ('c27', 0)" },
        { "accounts_impact_coefficient_range", "INSERT INTO accounts (account, impact_coefficient) VALUES ('c28', 0)" },
        { "paper_fills_book_known", Fill("book => 'l3'") },
        { "paper_fills_book_level_range", Fill("book_level => -1") },
        { "paper_fills_book_levels_range", Fill("book_levels => 0") },
        { "backtest_fills_book_known", BacktestFill("book", "'l3'") },
        { "backtest_fills_book_level_range", BacktestFill("book_level", "1000") },
        { "backtest_fills_book_levels_range", BacktestFill("book_levels", "0") },
        { "paper_orders_role_known", Order("role => 'hedge', parent_decision_id => 1, reduce_only => true") },
        { "paper_orders_trailing_offset_positive", Order("trailing_offset => 0") },
        { "paper_orders_working_is_evaluated", Order("status => 'open'") },
        { "paper_orders_limit_needs_price", Order("order_type => 'limit'") },
        { "paper_orders_stop_needs_price", Order("order_type => 'stop'") },
        { "paper_orders_exit_has_parent", Order("role => 'stop_loss'") },
        { "paper_orders_trailing_needs_offset", Order("order_type => 'trailing_stop', status => 'open', evaluated_through => now()") },
        { "paper_orders_prices_positive", Order("limit_price => 0") },
        { "paper_orders_prices_positive", Order("order_type => 'stop', stop_price => -1") },
        { "paper_orders_fill_has_price", Order("filled_quantity => 1") },
        { "paper_cancel_requests_one_target", "INSERT INTO paper_cancel_requests (account) VALUES ('default')" },
        { "paper_cancel_requests_one_target", "INSERT INTO paper_cancel_requests (account, order_id, decision_id) VALUES ('default', 1, 1)" },
        { "paper_cancel_requests_agent_length", "INSERT INTO paper_cancel_requests (account, order_id, agent) VALUES ('default', 1, repeat('a', 201))" },
        { "paper_cancel_requests_reason_length", "INSERT INTO paper_cancel_requests (account, order_id, reason) VALUES ('default', 1, repeat('r', 2001))" },
        { "paper_cancel_requests_account_fkey", "INSERT INTO paper_cancel_requests (account, order_id) VALUES ('nobody', 1)" },
        { "paper_account_epochs_pnl", "INSERT INTO paper_account_epochs (account, epoch, base_currency, started_at, ended_at, initial_capital, net_deposits, final_equity, net_pnl, total_trades) VALUES ('c17', 1, 'USDT', now(), now(), 100, 0, 110, 5, 0)" },
        { "paper_ledger_kind_known", "INSERT INTO paper_ledger (account, time, kind, amount) VALUES ('default', now(), 'gift', 5)" },
        // NaN slipped through `x >= 0` and `x > 0` (PostgreSQL orders NaN above every number); every numeric column has a
        // *_finite check unless its own checks refuse NaN and ±Infinity already (FiniteNumericTests checks them all).
        { "market_prices_bid_size_finite", "INSERT INTO market_prices (time, symbol, last, bid_size) VALUES (now(), 'BTC/USDT', 1, 'NaN')" },
        { "market_prices_ask_size_finite", "INSERT INTO market_prices (time, symbol, last, ask_size) VALUES (now(), 'BTC/USDT', 1, 'NaN')" },
        { "market_prices_volume_finite", "INSERT INTO market_prices (time, symbol, last, volume) VALUES (now(), 'BTC/USDT', 1, 'NaN')" },
        { "instruments_tick_size_finite", "INSERT INTO instruments (symbol, tick_size) VALUES ('X4/USDT', 'NaN')" },
        { "instruments_lot_size_finite", "INSERT INTO instruments (symbol, lot_size) VALUES ('X5/USDT', 'NaN')" },
        { "instruments_min_notional_finite", "INSERT INTO instruments (symbol, min_notional) VALUES ('X6/USDT', 'NaN')" },
        { "accounts_initial_capital_finite", "INSERT INTO accounts (account, initial_capital) VALUES ('c18', 'NaN')" },
        { "accounts_cash_finite", "UPDATE accounts SET cash = 'NaN' WHERE account = 'default'" },
        { "accounts_min_fee_finite", "INSERT INTO accounts (account, min_fee) VALUES ('c19', 'NaN')" },
        { "paper_fills_fee_finite", Fill("fee => 'NaN'") },
        { "paper_orders_avg_fill_price_finite", Order("avg_fill_price => 'NaN'") },
        // The stated maxima (0012; VenueLimits in C#): prices below 10^8, quantities below 10^9, amounts below 10^15.
        { "market_prices_price_max", "INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 999000000000000000, 999000000000000000)" },
        { "market_prices_price_max", "INSERT INTO market_prices (time, symbol, last) VALUES (now(), 'BTC/USDT', 100000000)" },
        { "instruments_tick_size_max", "INSERT INTO instruments (symbol, tick_size) VALUES ('X7/USDT', 100000000)" },
        { "instruments_lot_size_max", "INSERT INTO instruments (symbol, lot_size) VALUES ('X8/USDT', 1000000000)" },
        { "instruments_min_notional_max", "INSERT INTO instruments (symbol, min_notional) VALUES ('X9/USDT', 1e15)" },
        { "accounts_initial_capital_max", "INSERT INTO accounts (account, initial_capital, cash) VALUES ('c20', 1e15, 1e15)" },
        { "accounts_min_fee_max", "INSERT INTO accounts (account, min_fee) VALUES ('c21', 1e15)" },
        { "accounts_cash_max", "SELECT deposit('default', 1e15)" },
        { "accounts_cash_max", "SELECT deposit('default', 'NaN')" },
        { "trading_decisions_price_max", $"{Decision}, order_type, limit_price) VALUES ('BTC/USDT', 'BUY', 0.7, 'limit', 999000000000000000)" },
        { "trading_decisions_price_max", $"{Decision}, take_profit) VALUES ('BTC/USDT', 'BUY', 0.7, 100000000)" },
        { "trading_decisions_quantity_max", $"{Decision}, quantity) VALUES ('BTC/USDT', 'BUY', 0.7, 1000000000)" },
        { "trading_decisions_notional_max", $"{Decision}, notional) VALUES ('BTC/USDT', 'BUY', 0.7, 1e15)" },
        { "trading_decisions_take_profit_percent_max", $"{Decision}, take_profit, exit_unit) VALUES ('BTC/USDT', 'BUY', 0.7, 999999999999999999, 'percent')" },
        { "paper_risk_limits_threshold_max", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('default', 'max_order_notional', 1e15)" },
        { "paper_orders_price_max", Order("order_type => 'limit', limit_price => 100000000") },
        { "paper_orders_quantity_max", Order("quantity => 1000000000") },
        // Quotes from the future: the clock-skew trigger (5 s) and the immutable check for the infinities.
        { "market_prices_time_not_future", "INSERT INTO market_prices (time, symbol, last) VALUES (now() + interval '1 year', 'BTC/USDT', 100)" },
        { "market_prices_time_not_future", "INSERT INTO market_prices (time, symbol, last) VALUES ('infinity', 'BTC/USDT', 100)" },
        { "market_prices_time_finite", "INSERT INTO market_prices (time, symbol, last) VALUES ('-infinity', 'BTC/USDT', 100)" },
        // Fields the order type or time in force would silently ignore.
        { "trading_decisions_limit_price_only_limit", $"{Decision}, limit_price) VALUES ('BTC/USDT', 'BUY', 0.7, 1)" },
        { "trading_decisions_limit_price_only_limit", $"{Decision}, order_type, stop_price, limit_price) VALUES ('BTC/USDT', 'SELL', 0.7, 'stop', 90, 89)" },
        { "trading_decisions_stop_price_only_stop", $"{Decision}, order_type, limit_price, stop_price) VALUES ('BTC/USDT', 'BUY', 0.7, 'limit', 100, 90)" },
        { "trading_decisions_stop_price_only_stop", $"{Decision}, order_type, trailing_offset, stop_price) VALUES ('BTC/USDT', 'SELL', 0.7, 'trailing_stop', 5, 90)" },
        { "trading_decisions_expires_at_only_gtd", $"{Decision}, expires_at) VALUES ('BTC/USDT', 'BUY', 0.7, now() + interval '1 hour')" },
        { "trading_decisions_expires_at_finite", $"{Decision}, expires_at) VALUES ('BTC/USDT', 'BUY', 0.7, '-infinity')" },
        { "trading_decisions_expires_at_only_gtd", $"{Decision}, time_in_force, expires_at) VALUES ('BTC/USDT', 'BUY', 0.7, 'day', now() + interval '1 hour')" },
        { "trading_decisions_expires_at_finite", $"{Decision}, time_in_force, expires_at) VALUES ('BTC/USDT', 'BUY', 0.7, 'gtd', 'infinity')" },
        { "trading_decisions_price_as_of_finite", $"{Decision}, price_as_of) VALUES ('BTC/USDT', 'BUY', 0.7, '-infinity')" },
        // Strategy sessions (0013).
        { "strategy_sessions_name_format", $"{Session}) VALUES ('bad name!', '{{}}', 'default')" },
        { "strategy_sessions_name_format", $"{Session}) VALUES ('', '{{}}', 'default')" },
        { "strategy_sessions_config_object", $"{Session}) VALUES ('s', '[1, 2]', 'default')" },
        { "strategy_sessions_checksum_format", $"{Session}, checksum) VALUES ('s', '{{}}', 'default', 'ABC')" },
        { "strategy_sessions_mode_known", $"{Session}, mode) VALUES ('s', '{{}}', 'default', 'backwards')" },
        { "strategy_sessions_status_known", $"{Session}, status, stopped_at) VALUES ('s', '{{}}', 'default', 'paused', now())" },
        { "strategy_sessions_status_reason_length", $"{Session}, status_reason) VALUES ('s', '{{}}', 'default', repeat('x', 4001))" },
        { "strategy_sessions_act_from_finite", $"{Session}, act_from) VALUES ('s', '{{}}', 'default', 'infinity')" },
        { "strategy_sessions_bars_acted_nonnegative", $"{Session}, bars_acted) VALUES ('s', '{{}}', 'default', -1)" },
        { "strategy_sessions_stopped_at", $"{Session}, status) VALUES ('s', '{{}}', 'default', 'stopped')" },
        { "strategy_sessions_stopped_at", $"{Session}, stopped_at) VALUES ('s', '{{}}', 'default', now())" },
        // Backtests (0016): one valid row with one value made bad.
        { "backtest_runs_name_length", BacktestRun("name", "''") },
        { "backtest_runs_config_object", BacktestRun("config", "'[1]'") },
        { "backtest_runs_checksum_format", BacktestRun("checksum", "'ABC'") },
        { "backtest_runs_data_source_known", BacktestRun("data_source", "'ftp'") },
        { "backtest_runs_data_path_length", BacktestRun("data_path", "repeat('x', 4001)") },
        { "backtest_runs_data_checksum_format", BacktestRun("data_checksum", "'xyz'") },
        { "backtest_runs_settings_object", BacktestRun("account_settings", "'3'") },
        { "backtest_runs_capital_positive", BacktestRun("initial_capital", "0") },
        { "backtest_runs_latency_nonnegative", BacktestRun("latency", "'-1 s'") },
        { "backtest_runs_events_nonnegative", BacktestRun("events", "-1") },
        { "backtest_runs_bars_nonnegative", BacktestRun("bars", "-1") },
        { "backtest_runs_warm_up_nonnegative", BacktestRun("warm_up_bars", "-1") },
        { "backtest_runs_lead_in_nonnegative", BacktestRun("lead_in_bars", "-1") },
        { "backtest_runs_signals_nonnegative", BacktestRun("signals", "-1") },
        { "backtest_runs_decisions_nonnegative", BacktestRun("decisions", "-1") },
        { "backtest_runs_fills_nonnegative", BacktestRun("fills", "-1") },
        { "backtest_runs_trades_nonnegative", BacktestRun("trades", "-1") },
        { "backtest_runs_fees_nonnegative", BacktestRun("total_fees", "-1") },
        { "backtest_runs_halt_reason_length", BacktestRun("halt_reason", "repeat('x', 4001)") },
        { "backtest_runs_range", BacktestRun("to_time", "'2026-01-01'") },
        { "backtest_fills_fill_id_positive", BacktestFill("fill_id", "0") },
        { "backtest_fills_side_known", BacktestFill("side", "'long'") },
        { "backtest_fills_quantity_positive", BacktestFill("quantity", "0") },
        { "backtest_fills_price_positive", BacktestFill("price", "0") },
        { "backtest_fills_fee_nonnegative", BacktestFill("fee", "-1") },
        { "backtest_fills_liquidity_known", BacktestFill("liquidity", "'both'") },
        { "backtest_trades_trade_id_positive", BacktestTrade("trade_id", "0") },
        { "backtest_trades_side_known", BacktestTrade("side", "'buy'") },
        { "backtest_trades_quantity_positive", BacktestTrade("quantity", "0") },
        { "backtest_trades_net_is_gross_minus_fees", BacktestTrade("net_pnl", "5") },
        { "backtest_equity_open_positions_nonnegative", BacktestEquity("open_positions", "-1") },
    };

    // Valid rows of the backtest tables (run 0 does not exist: CHECKs are evaluated before the foreign key).
    private static readonly (string Column, string Value)[] RunRow =
    [
        ("name", "'n'"), ("config", "'{}'"), ("checksum", "repeat('a', 64)"), ("data_source", "'market_prices'"), ("data_path", "NULL"),
        ("data_checksum", "NULL"), ("symbols", "'{BTC/USDT}'"), ("from_time", "'2026-01-02'"), ("to_time", "'2026-01-03'"),
        ("warmup_from", "'2026-01-01'"), ("account_settings", "'{}'"), ("initial_capital", "1"), ("latency", "'0'"), ("random_seed", "0"),
        ("duration", "'1 s'"), ("events", "0"), ("bars", "0"), ("warm_up_bars", "0"), ("lead_in_bars", "0"), ("signals", "0"),
        ("decisions", "0"), ("fills", "0"), ("trades", "0"), ("final_cash", "1"), ("final_equity", "1"), ("net_pnl", "0"),
        ("realized_pnl", "0"), ("total_fees", "0"), ("open_positions", "0"), ("halt_reason", "NULL"),
    ];

    private static readonly (string Column, string Value)[] FillRow =
    [
        ("run_id", "0"), ("fill_id", "1"), ("order_id", "1"), ("symbol", "'BTC/USDT'"), ("side", "'buy'"), ("quantity", "1"), ("price", "1"),
        ("notional", "1"), ("fee", "0"), ("liquidity", "'taker'"), ("reference_price", "1"), ("slippage_fraction", "0"), ("slippage_cost", "0"),
        ("quote_time", "now()"), ("slippage_model", "'none'"), ("fee_model", "'rate'"), ("model_parameters", "'{}'"), ("random_seed", "0"),
        ("filled_at", "now()"),
    ];

    private static readonly (string Column, string Value)[] TradeRow =
    [
        ("run_id", "0"), ("trade_id", "1"), ("symbol", "'BTC/USDT'"), ("side", "'long'"), ("quantity", "1"), ("entry_price", "1"),
        ("exit_price", "1"), ("entry_cost", "1"), ("exit_notional", "1"), ("entry_time", "now()"), ("exit_time", "now()"),
        ("realized_pnl", "0"), ("entry_fees", "0"), ("exit_fees", "0"), ("net_pnl", "0"), ("close_order_id", "1"), ("fill_id", "1"),
    ];

    private static readonly (string Column, string Value)[] EquityRow =
    [
        ("run_id", "0"), ("time", "now()"), ("equity", "1"), ("cash", "1"), ("positions_value", "0"), ("open_positions", "0"),
    ];

    private static string BacktestRun(string column, string value) => Insert("backtest_runs", RunRow, column, value);

    private static string BacktestFill(string column, string value) => Insert("backtest_fills", FillRow, column, value);

    private static string BacktestTrade(string column, string value) => Insert("backtest_trades", TradeRow, column, value);

    private static string BacktestEquity(string column, string value) => Insert("backtest_equity", EquityRow, column, value);

    // A column the row lacks (an optional one) is added to it.
    private static string Insert(string table, (string Column, string Value)[] row, string column, string value)
    {
        (string Column, string Value)[] full = row.Any(c => c.Column == column) ? row : [.. row, (column, value)];
        return $"INSERT INTO {table} ({string.Join(", ", full.Select(c => c.Column))}) " +
               $"VALUES ({string.Join(", ", full.Select(c => c.Column == column ? value : c.Value))})";
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task Insert_BadValue_RefusedByNamedConstraint(string expected, string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(sql));

        Assert.True(error.ConstraintName == expected || error.SqlState == expected,
            $"expected {expected}, got {error.SqlState} {error.ConstraintName}: {error.MessageText}");
        Assert.False(string.IsNullOrWhiteSpace(error.MessageText));
    }

    [Fact]
    public async Task CheckConstraints_EveryOne_HasARefusalCaseAbove()
    {
        var tested = BadRows.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var all = await fixture.Database.QueryAsync("""
            SELECT c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype = 'c'
            """);

        // Checks on the orchestrator's own status updates are exercised by DecisionStatusTests (decisions) and
        // RestingOrderTests (cancel requests: the insert trigger makes every new request pending).
        var ownedByOrchestrator = new[]
        {
            "trading_decisions_terminal_has_reason", "trading_decisions_executed_has_order", "trading_decisions_status_known",
            "paper_cancel_requests_status_known", "paper_cancel_requests_terminal_has_outcome",
        };
        // The *_finite checks are generated over the catalogue (0012) and each is evaluated by FiniteNumericTests.
        var untested = all.Select(r => (string)r["conname"]!)
            .Where(n => !tested.Contains(n) && !ownedByOrchestrator.Contains(n) && !n.EndsWith("_finite", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(untested);
    }

    [Fact]
    public async Task CheckConstraints_DecisionsAndAccounts_EveryOneAUserCanMeetSaysWhatIsAllowed()
    {
        var unexplained = await fixture.Database.QueryAsync("""
            SELECT c.conname FROM pg_constraint c
            WHERE c.contype = 'c' AND c.conrelid IN ('accounts'::regclass, 'trading_decisions'::regclass)
              AND obj_description(c.oid, 'pg_constraint') IS NULL
            ORDER BY 1
            """);

        // Only the orchestrator's own checks, and the generated *_finite ones, go without a sentence.
        Assert.Equal(
            ["accounts_epoch_positive", "accounts_halt_has_reason",
             "trading_decisions_executed_has_order", "trading_decisions_status_known", "trading_decisions_terminal_has_reason"],
            unexplained.Select(r => (string)r["conname"]!).Where(n => !n.EndsWith("_finite", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Insert_DuplicateIdempotencyKeyInOneAccount_Refused()
    {
        var key = $"k-{Guid.NewGuid():N}";
        await fixture.Database.ExecuteAsync($"{Decision}, idempotency_key) VALUES ('BTC/USDT', 'BUY', 0.7, $1)", key);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            fixture.Database.ExecuteAsync($"{Decision}, idempotency_key) VALUES ('BTC/USDT', 'SELL', 0.7, $1)", key));

        Assert.Equal("trading_decisions_idempotency_key_unique", error.ConstraintName);
    }

    [Fact]
    public async Task Insert_SameIdempotencyKeyInAnotherAccount_Accepted()
    {
        var key = $"k-{Guid.NewGuid():N}";
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('other-' || substr(md5($1), 1, 8)) ON CONFLICT DO NOTHING", key);
        await fixture.Database.ExecuteAsync($"{Decision}, idempotency_key) VALUES ('BTC/USDT', 'BUY', 0.7, $1)", key);

        var inserted = await fixture.Database.ExecuteAsync(
            $"{Decision}, idempotency_key, account) VALUES ('BTC/USDT', 'BUY', 0.7, $1, 'other-' || substr(md5($1), 1, 8))", key);

        Assert.Equal(1, inserted);
    }

    [Fact]
    public async Task Insert_SecondOrderForOneDecision_Refused()
    {
        var decision = await fixture.Database.ScalarAsync<long>($"{Decision}) VALUES ('BTC/USDT', 'BUY', 0.7) RETURNING id");
        const string order = """
            INSERT INTO paper_orders (account, decision_id, symbol, side, order_type, quantity, status, created_at, updated_at)
            VALUES ('default', $1, 'BTC/USDT', 'buy', 'market', 1, 'filled', now(), now())
            """;
        await fixture.Database.ExecuteAsync(order, decision);

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(order, decision));

        Assert.Equal("paper_orders_decision_unique", error.ConstraintName);
    }

    private static string Order(string change)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["side"] = "'buy'",
            ["order_type"] = "'market'",
            ["time_in_force"] = "'gtc'",
            ["quantity"] = "1",
            ["status"] = "'filled'",
            ["filled_quantity"] = "0",
        };
        Apply(values, change);
        return $"INSERT INTO paper_orders (account, symbol, created_at, updated_at, {string.Join(", ", values.Keys)}) " +
               $"VALUES ('default', 'BTC/USDT', now(), now(), {string.Join(", ", values.Values)})";
    }

    private static string Fill(string change)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["side"] = "'buy'",
            ["quantity"] = "1",
            ["price"] = "100",
            ["fee"] = "1",
            ["liquidity"] = "'taker'",
        };
        Apply(values, change);
        return "WITH o AS (INSERT INTO paper_orders (account, symbol, side, order_type, quantity, status, created_at, updated_at) " +
               "VALUES ('default', 'BTC/USDT', 'buy', 'market', 1, 'filled', now(), now()) RETURNING order_id) " +
               $"INSERT INTO paper_fills (order_id, account, symbol, notional, reference_price, slippage_fraction, slippage_cost, quote_time, " +
               $"slippage_model, fee_model, model_parameters, random_seed, filled_at, {string.Join(", ", values.Keys)}) " +
               $"SELECT o.order_id, 'default', 'BTC/USDT', 100, 100, 0, 0, now(), 'none', 'rate', '{{}}', 1, now(), {string.Join(", ", values.Values)} FROM o";
    }

    private static string Trade(string change)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["side"] = "'long'",
            ["quantity"] = "1",
            ["realized_pnl"] = "10",
            ["entry_fees"] = "1",
            ["exit_fees"] = "1",
            ["net_pnl"] = "8",
        };
        Apply(values, change);
        return "INSERT INTO paper_trades (account, symbol, entry_price, exit_price, entry_cost, exit_notional, entry_time, exit_time, " +
               $"close_order_id, {string.Join(", ", values.Keys)}) VALUES ('default', 'BTC/USDT', 100, 110, 100, 110, now(), now(), 1, " +
               $"{string.Join(", ", values.Values)})";
    }

    /// <summary>"column => value" changes, separated by commas.</summary>
    private static void Apply(Dictionary<string, string> values, string change)
    {
        foreach (var item in change.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = item.Split("=>", 2, StringSplitOptions.TrimEntries);
            values[parts[0]] = parts[1];
        }
    }
}
