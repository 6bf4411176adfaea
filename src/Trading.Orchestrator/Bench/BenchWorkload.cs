namespace Trading.Orchestrator.Bench;

/// <summary>
/// The throughput workload, as SQL: accounts that may short with ample capital and no minimum fee, quoted symbols,
/// (prices held for the run: the accounts' staleness bound is an hour), and market decisions cycling BUY 0.01, BUY 0.01, SELL 0.02 per account and symbol, so positions open, average,
/// close and write trades. Decisions are spread round-robin over accounts, as many agents would write them.
/// </summary>
public static class BenchWorkload
{
    // The reference tables first: on Citus a transaction may not write one after a parallel write to a distributed table.
    public static string SetUpSql(int accounts, int symbols) => $"""
        INSERT INTO instruments (symbol, tick_size, lot_size, min_notional)
        SELECT 'B' || g || '/USDT', 0.01, 0.001, 0 FROM generate_series(1, {symbols}) g;
        INSERT INTO market_prices (time, symbol, bid, ask)
        SELECT now(), 'B' || g || '/USDT', 100 * g - 0.01, 100 * g + 0.01 FROM generate_series(1, {symbols}) g;
        INSERT INTO accounts (account, initial_capital, cash, allow_shorting, min_fee, slippage_model, random_seed, staleness_bound)
        SELECT 'bench-' || lpad(g::text, 4, '0'), 1000000000, 1000000000, true, 0, 'seed', g, '1 hour'
        FROM generate_series(1, {accounts}) g;
        """;

    public static string DecisionsSql(int decisions, int accounts, int symbols) => $"""
        INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, agent)
        SELECT 'bench-' || lpad((1 + g % {accounts})::text, 4, '0'),
               'B' || (1 + (g / {accounts}) % {symbols}) || '/USDT',
               CASE WHEN (g / ({accounts} * {symbols})) % 3 = 2 THEN 'SELL' ELSE 'BUY' END,
               0.9,
               CASE WHEN (g / ({accounts} * {symbols})) % 3 = 2 THEN 0.02 ELSE 0.01 END,
               'bench'
        FROM generate_series(0, {decisions - 1}) g;
        """;
}
