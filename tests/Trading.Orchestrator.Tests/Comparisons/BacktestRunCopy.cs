using Trading.Testing;

namespace Trading.Orchestrator.Tests.Comparisons;

/// <summary>
/// A stored backtest run (0016's tables) made from a paper session's own results, so the test knows every difference it
/// then plants; the keys are written as the backtest writes them (entry_signal_key, and a bracket exit's fill its entry's).
/// </summary>
internal static class BacktestRunCopy
{
    private const string Run = """
        INSERT INTO backtest_runs (name, config, checksum, data_source, symbols, from_time, to_time, warmup_from, account_settings,
                                   initial_capital, latency, random_seed, duration, events, bars, warm_up_bars, lead_in_bars, signals,
                                   decisions, fills, trades, final_cash, final_equity, net_pnl, realized_pnl, total_fees, open_positions)
        SELECT s.name, s.config, s.checksum, 'market_prices', ARRAY['BTC/USDT'], s.act_from, now(), s.act_from, '{}', a.initial_capital,
               interval '1 millisecond', 0, interval '1 second', 46, 46, 0, 0, 2, 2, 2, 1, a.cash, a.cash, 0, 0, 0, 0
        FROM strategy_sessions s JOIN accounts a ON a.account = s.account WHERE s.session_id = $1
        RETURNING run_id
        """;

    // The session's fills, the entry's quote and prices moved down by $3 and the exit's price up by $4 (less slippage on the
    // sale; its quote unchanged); their trade follows below; keys as the backtest writes them.
    private const string Fills = """
        INSERT INTO backtest_fills (run_id, fill_id, order_id, decision_id, symbol, side, quantity, price, notional, fee, liquidity,
                                    reference_price, slippage_fraction, slippage_cost, decision_price, quote_time, quote_bid, quote_ask,
                                    quote_last, latency, slippage_model, fee_model, model_parameters, random_seed, filled_at, signal_key, decided_at)
        SELECT $2, f.fill_id, f.order_id, o.decision_id, f.symbol, f.side, f.quantity,
               f.price - CASE WHEN d.decision = 'BUY' THEN $3 ELSE -$4 END, f.notional, f.fee, f.liquidity,
               f.reference_price - CASE WHEN d.decision = 'BUY' THEN $3 ELSE 0 END, f.slippage_fraction, f.slippage_cost, f.decision_price,
               f.quote_time, f.quote_bid, f.quote_ask, f.quote_last - CASE WHEN d.decision = 'BUY' THEN $3 ELSE 0 END, f.latency,
               f.slippage_model, f.fee_model, f.model_parameters, f.random_seed, f.filled_at,
               strategy_signal_key(d.idempotency_key), d.price_as_of
        FROM paper_fills f
        JOIN paper_orders o ON o.order_id = f.order_id
        JOIN trading_decisions d ON d.account = o.account AND d.id = COALESCE(o.decision_id, o.parent_decision_id)
        WHERE d.strategy_session_id = $1
        """;

    private const string Trades = """
        INSERT INTO backtest_trades (run_id, trade_id, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional,
                                     entry_time, exit_time, realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id, decision_id,
                                     signal_key, entry_signal_key, fill_id)
        SELECT $2, t.trade_id, t.symbol, t.side, t.quantity, t.entry_price - $3, t.exit_price + $4, t.entry_cost - $3 * t.quantity,
               t.exit_notional + $4 * t.quantity, t.entry_time, t.exit_time, t.realized_pnl + ($3 + $4) * t.quantity, t.entry_fees,
               t.exit_fees, t.net_pnl + ($3 + $4) * t.quantity, t.close_order_id, t.decision_id, bx.signal_key, be.signal_key, bx.fill_id
        FROM paper_trades t
        JOIN backtest_fills be ON be.run_id = $2 AND be.symbol = t.symbol AND be.filled_at = t.entry_time AND be.side = 'buy'
        JOIN backtest_fills bx ON bx.run_id = $2 AND bx.order_id = t.close_order_id AND bx.filled_at = t.exit_time
        WHERE t.account = (SELECT account FROM strategy_sessions WHERE session_id = $1)
        """;

    /// <summary>
    /// A run of the session's own fills and trades, its entries <paramref name="entryCheaper"/> cheaper per unit (a lower
    /// quote) and its exits <paramref name="exitDearer"/> dearer (less slippage); its id.
    /// </summary>
    public static async Task<long> CreateAsync(TestDatabase db, long session, decimal entryCheaper, decimal exitDearer = 0m)
    {
        var run = await db.ScalarAsync<long>(Run, session);
        await db.ExecuteAsync(Fills, session, run, entryCheaper, exitDearer);
        await db.ExecuteAsync(Trades, session, run, entryCheaper, exitDearer);
        return run;
    }
}
