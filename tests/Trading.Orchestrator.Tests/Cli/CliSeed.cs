namespace Trading.Orchestrator.Tests.Cli;

/// <summary>
/// Hand-made accounts for the CLI tests (fixed timestamps, so every figure is computable by hand).
///
/// quant: capital 10000, five closed trades, no open position, one 151 ledger adjustment so the books balance
///   net P&amp;L  98, -52, 78, -32, 59 = 151; wins 3 (235), losses 2 (-84): win rate 60.00, profit factor 235/84 = 2.7976,
///   expectancy 30.2, average win 78.3333333333, average loss -42, average duration (24+12+6+24+12)/5 h = 15:36:00,
///   trades per day 5 / 5.0833 days (first exit 10-02 10:00, last 10-07 12:00) = 0.9836
///   daily closes 10100 10250 10180 10320 10290 10410 10360 10500 (Oct 1-8, 20:00 UTC): the deepest drawdown is
///   10250 → 10180 = -70 = -0.6829 %; 7.00 days covered; return 400 / 10100 = 3.9604 %
/// broken: cash 12345 with an empty ledger, so invariants() reports 'cash' (and 'pnl').
/// </summary>
public static class CliSeed
{
    public const string Sql = """
        INSERT INTO accounts (account, initial_capital, cash) VALUES ('quant', 10000, 10151), ('broken', 10000, 12345);
        INSERT INTO paper_ledger (account, time, kind, amount, description)
        VALUES ('quant', '2026-10-07 12:00+00', 'adjustment', 151, 'the trades below, booked in one line');
        INSERT INTO paper_trades (account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional, entry_time, exit_time,
                                  realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id) VALUES
            ('quant', 'BTC/USDT', 'long',  1, 1000, 1100, 1000, 1100, '2026-10-01 10:00+00', '2026-10-02 10:00+00', 100, 1,   1,   98,  1),
            ('quant', 'ETH/USDT', 'long',  1, 1000, 950,  1000, 950,  '2026-10-02 12:00+00', '2026-10-03 00:00+00', -50, 1,   1,   -52, 2),
            ('quant', 'SOL/USDT', 'long',  1, 1000, 1080, 1000, 1080, '2026-10-04 00:00+00', '2026-10-04 06:00+00', 80,  1,   1,   78,  3),
            ('quant', 'BTC/USDT', 'short', 1, 1000, 1030, 1000, 1030, '2026-10-05 00:00+00', '2026-10-06 00:00+00', -30, 1,   1,   -32, 4),
            ('quant', 'ETH/USDT', 'long',  1, 1000, 1060, 1000, 1060, '2026-10-07 00:00+00', '2026-10-07 12:00+00', 60,  0.5, 0.5, 59,  5);
        INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl, realized_pnl,
                                               total_pnl, total_pnl_pct, num_positions)
        SELECT '2026-10-01 20:00+00'::timestamptz + (n - 1) * interval '1 day', 'quant', v, 0, v, 0, 0, 0, v - 10000, (v - 10000) / 100, 0
        FROM unnest(ARRAY[10100, 10250, 10180, 10320, 10290, 10410, 10360, 10500]::numeric[]) WITH ORDINALITY AS s(v, n);
        INSERT INTO trading_decisions (account, agent, symbol, decision, confidence, reasoning)
        VALUES ('quant', 'alpha', 'BTC/USDT', 'BUY', 0.8, 'breakout'), ('quant', 'alpha', 'ETH/USDT', 'SELL', 0.7, 'fade'),
               ('quant', 'beta', 'SOL/USDT', 'BUY', 0.9, 'momentum');
        -- The trigger makes every insert pending; play the orchestrator for two of them.
        UPDATE trading_decisions SET status = 'rejected', status_reason = 'no price for ETH/USDT', processed_at = now()
        WHERE account = 'quant' AND symbol = 'ETH/USDT';
        UPDATE trading_decisions SET status = 'skipped', status_reason = 'confidence below threshold', processed_at = now()
        WHERE account = 'quant' AND symbol = 'SOL/USDT';
        -- Hand-made history is folded into the read-side aggregates, as any import must be.
        SELECT refresh_account_stats();
        """;
}
