using Trading.Testing;

namespace Trading.Orchestrator.Tests.Infrastructure;

/// <summary>A seeded random workload: accounts, instruments, quotes and decisions inserted by SQL, as agents would.</summary>
public static class Workload
{
    /// <summary>
    /// How much bigger the reliability tests run: 1 in the normal suite (CI stays under 15 minutes); TRADING_SOAK=N
    /// multiplies decisions, kills and rounds by N for a soak run.
    /// </summary>
    public static int Scale { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("TRADING_SOAK"), out var scale) && scale > 1 ? scale : 1;

    /// <summary>Creates <paramref name="accounts"/> accounts (half may short) and <paramref name="symbols"/> quoted instruments.</summary>
    public static async Task SetUpAsync(TestDatabase database, string prefix, int accounts, int symbols)
    {
        // Two transactions: Citus refuses a write to a reference table after a parallel one to a distributed table.
        await database.ExecuteAsync($"""
            INSERT INTO accounts (account, allow_shorting, initial_capital, cash, random_seed)
            SELECT '{prefix}' || lpad(g::text, 3, '0'), g % 2 = 0, 100000, 100000, g FROM generate_series(0, {accounts - 1}) g
            """);
        await database.ExecuteAsync($"""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional)
            SELECT '{prefix.ToUpperInvariant()}' || g || '/USDT', 0.01, 0.001, 0 FROM generate_series(0, {symbols - 1}) g
            """);
        await QuoteAsync(database, prefix, symbols, 0);
    }

    /// <summary>A fresh quote for every symbol, prices wandering with <paramref name="step"/>.</summary>
    public static Task QuoteAsync(TestDatabase database, string prefix, int symbols, int step) =>
        database.ExecuteAsync($"""
            INSERT INTO market_prices (time, symbol, bid, ask)
            SELECT clock_timestamp(), '{prefix.ToUpperInvariant()}' || g || '/USDT',
                   round((100 + g * 10 + 5 * sin({step} / 7.0 + g))::numeric, 2), round((100 + g * 10 + 5 * sin({step} / 7.0 + g))::numeric, 2) + 0.02
            FROM generate_series(0, {symbols - 1}) g
            """);

    /// <summary>
    /// Inserts <paramref name="count"/> seeded random decisions (BUY, SELL, CLOSE, HOLD; sized or not). A quarter are not
    /// plain market orders: limits and stops within a few percent of the market, trailing stops, IOC/FOK and DAY orders;
    /// a fifth carry a percent stop-loss / take-profit bracket. So working orders, OCO exits and their quote matching
    /// run under every fault the reliability tests inject.
    /// </summary>
    public static Task InsertDecisionsAsync(TestDatabase database, string prefix, int accounts, int symbols, int count, double seed) =>
        database.ExecuteAsync($"""
            SELECT setseed({seed.ToString(System.Globalization.CultureInfo.InvariantCulture)});
            INSERT INTO trading_decisions (account, symbol, decision, confidence, risk_score, quantity, agent, order_type, limit_price,
                                           stop_price, trailing_offset, time_in_force, stop_loss, take_profit, exit_unit)
            SELECT account, '{prefix.ToUpperInvariant()}' || g || '/USDT', decision, confidence, risk, quantity, 'workload',
                   CASE WHEN k < 0.75 OR k >= 0.95 THEN 'market' WHEN k < 0.85 THEN 'limit' WHEN k < 0.90 THEN 'stop' ELSE 'trailing_stop' END,
                   CASE WHEN k >= 0.75 AND k < 0.85 THEN round((base * (0.98 + s * 0.04))::numeric, 2) END,
                   CASE WHEN k >= 0.85 AND k < 0.90 THEN round((base * (0.97 + s * 0.06))::numeric, 2) END,
                   CASE WHEN k >= 0.90 AND k < 0.95 THEN round((0.5 + s * 2)::numeric, 2) END,
                   CASE WHEN k >= 0.95 THEN (ARRAY['ioc', 'fok'])[1 + floor(s * 2)::int] WHEN k >= 0.75 AND s < 0.3 THEN 'day' ELSE 'gtc' END,
                   CASE WHEN b < 0.2 THEN round((1 + s * 3)::numeric, 2) END,
                   CASE WHEN b < 0.2 THEN round((1 + s * 4)::numeric, 2) END,
                   'percent'
            FROM (
                SELECT '{prefix}' || lpad((floor(random() * {accounts}))::int::text, 3, '0') AS account,
                       floor(random() * {symbols})::int AS g,
                       (ARRAY['BUY', 'BUY', 'SELL', 'SELL', 'CLOSE', 'HOLD'])[1 + floor(random() * 6)::int] AS decision,
                       round((0.5 + random() * 0.5)::numeric, 2) AS confidence,
                       round(random()::numeric, 2) AS risk,
                       CASE WHEN random() < 0.5 THEN round((random() * 20)::numeric, 3) + 0.001 END AS quantity,
                       random() AS k, random() AS s, random() AS b
                FROM generate_series(1, {count})
            ) x
            CROSS JOIN LATERAL (SELECT 100 + x.g * 10 AS base) p
            """);

    /// <summary>Waits for the run to finish; on a time-out, the processes' own output says why.</summary>
    public static async Task WaitUntilNothingPendingAsync(TestDatabase database, string prefix, TimeSpan timeout, params TradingProcess[] processes)
    {
        try
        {
            await WaitUntilNothingPendingAsync(database, prefix, timeout);
        }
        catch (TimeoutException e)
        {
            var tails = processes.Select(p => string.Join('\n', p.Output.Split('\n').TakeLast(40)));
            throw new TimeoutException(e.Message + "\n" + string.Join("\n----\n", tails), e);
        }
    }

    public static async Task WaitUntilNothingPendingAsync(TestDatabase database, string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await database.ScalarAsync<long>($"SELECT count(*) FROM trading_decisions WHERE account LIKE '{prefix}%' AND status = 'pending'") > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Decisions still pending after " + timeout);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Everything a run must leave behind: all terminal, one order per executed decision, order kept, books exact.</summary>
    public static async Task AssertSoundAsync(TestDatabase database, string prefix, int expectedDecisions)
    {
        var statuses = await database.QueryAsync(
            $"SELECT status, count(*) AS n FROM trading_decisions WHERE account LIKE '{prefix}%' GROUP BY status");
        Assert.Equal(expectedDecisions, statuses.Sum(r => (long)r["n"]!));
        Assert.DoesNotContain(statuses, r => (string)r["status"]! == "pending");
        Assert.Contains(statuses, r => (string)r["status"]! == "executed");
        if (expectedDecisions >= 1_000)
        {
            // The workload's working orders really ran: some rested, and some exits or resting entries filled later.
            Assert.Contains(statuses, r => (string)r["status"]! == "placed");
            Assert.True(await database.ScalarAsync<long>($"""
                SELECT count(*) FROM paper_fills f JOIN paper_orders o USING (account, order_id)
                WHERE o.account LIKE '{prefix}%' AND (o.role <> 'entry' OR o.order_type <> 'market')
                """) > 0, "no working order filled");
        }


        Assert.Equal(0L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM trading_decisions d
            WHERE d.account LIKE '{prefix}%' AND (d.status IN ('executed', 'placed')) <> EXISTS (SELECT 1 FROM paper_orders o WHERE o.account = d.account AND o.decision_id = d.id)
            """));
        Assert.Equal(0L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM (SELECT decision_id FROM paper_orders WHERE account LIKE '{prefix}%' AND decision_id IS NOT NULL
                                  GROUP BY account, decision_id HAVING count(*) > 1) twice
            """));
        // Per-account order: executed decisions got their orders in decision order.
        Assert.Equal(0L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM (
                SELECT order_id, lag(order_id) OVER (PARTITION BY account ORDER BY id) AS previous
                FROM trading_decisions WHERE account LIKE '{prefix}%' AND order_id IS NOT NULL) x
            WHERE previous > order_id
            """));
        Assert.Empty(await database.InvariantViolationsAsync());
    }
}
