using Npgsql;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Reliability;

/// <summary>
/// Malformed and hostile decisions mixed into valid traffic while `trading run` runs: each is refused at INSERT by a
/// named constraint or ends terminal with a reason; the valid ones execute; the loop never stops; the books balance.
/// </summary>
public sealed class BadInputTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Insert = "INSERT INTO trading_decisions (account, symbol, decision, confidence";
    private const string Quote = "INSERT INTO market_prices (time, symbol, bid, ask";

    /// <summary>Refused at INSERT: (what, statement).</summary>
    private static readonly (string What, string Sql)[] Refused =
    [
        ("lower-case verb", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'buy', 0.9)"),
        ("unknown verb", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'YOLO', 0.9)"),
        ("NULL verb", $"{Insert}) VALUES ('bad', 'BAD/USDT', NULL, 0.9)"),
        ("NULL confidence", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', NULL)"),
        ("NULL symbol", $"{Insert}) VALUES ('bad', NULL, 'BUY', 0.9)"),
        ("NULL account", $"{Insert}) VALUES (NULL, 'BAD/USDT', 'BUY', 0.9)"),
        ("confidence 1.5", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', 1.5)"),
        ("confidence -0.01", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', -0.01)"),
        ("confidence NaN", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', 'NaN')"),
        ("confidence Infinity", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', 'Infinity')"),
        ("confidence -Infinity", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', '-Infinity')"),
        ("confidence text", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', 'high')"),
        ("risk 7", $"{Insert}, risk_score) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 7)"),
        ("risk NaN", $"{Insert}, risk_score) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'NaN')"),
        ("quantity 0", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0)"),
        ("quantity negative", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, -5)"),
        ("quantity NaN", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'NaN')"),
        ("quantity Infinity", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'Infinity')"),
        ("quantity overflow 1e30", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 1e30)"),
        ("notional negative", $"{Insert}, notional) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, -100)"),
        ("notional overflow", $"{Insert}, notional) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 1e40)"),
        ("quantity and notional", $"{Insert}, quantity, notional) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 1, 100)"),
        ("current price 0", $"{Insert}, current_price) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0)"),
        ("current price NaN", $"{Insert}, current_price) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'NaN')"),
        ("unknown account", $"{Insert}) VALUES ('nobody', 'BAD/USDT', 'BUY', 0.9)"),
        ("unknown symbol", $"{Insert}) VALUES ('bad', 'DOGE/XYZ', 'BUY', 0.9)"),
        ("lower-case symbol", $"{Insert}) VALUES ('bad', 'bad/usdt', 'BUY', 0.9)"),
        ("SQL in the symbol", $"{Insert}) VALUES ('bad', 'BAD/USDT''; DROP TABLE accounts; --', 'BUY', 0.9)"),
        ("limit without price", $"{Insert}, order_type) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'limit')"),
        ("stop without price", $"{Insert}, order_type) VALUES ('bad', 'BAD/USDT', 'SELL', 0.9, 'stop')"),
        ("stop-limit without limit", $"{Insert}, order_type, stop_price) VALUES ('bad', 'BAD/USDT', 'SELL', 0.9, 'stop_limit', 90)"),
        ("trailing without offset", $"{Insert}, order_type) VALUES ('bad', 'BAD/USDT', 'SELL', 0.9, 'trailing_stop')"),
        ("negative limit price", $"{Insert}, order_type, limit_price) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'limit', -1)"),
        ("unknown order type", $"{Insert}, order_type) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'iceberg')"),
        ("unknown time in force", $"{Insert}, time_in_force) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'forever')"),
        ("GTD without expiry", $"{Insert}, time_in_force) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'gtd')"),
        ("expiry in the past", $"{Insert}, time_in_force, expires_at) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'gtd', now() - interval '1 hour')"),
        ("stop loss 0", $"{Insert}, stop_loss) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0)"),
        ("take profit negative", $"{Insert}, take_profit) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, -1)"),
        ("1 MB reasoning", $"{Insert}, reasoning) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, repeat('x', 1048576))"),
        ("NUL byte in reasoning", $"{Insert}, reasoning) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, E'a\\x00b')"),
        ("agent of 10 KB", $"{Insert}, agent) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, repeat('a', 10000))"),
        ("empty idempotency key", $"{Insert}, idempotency_key) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, '')"),
        ("duplicate idempotency key", $"{Insert}, idempotency_key) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'once')"),
        // Issue 18: NaN and infinities anywhere numeric, values beyond the stated maxima (0012), quotes from the future,
        // and fields the order would silently ignore.
        ("quote NaN bid size", $"{Quote}, bid_size) VALUES (now() - interval '1 day', 'BAD/USDT', 99, 101, 'NaN')"),
        ("quote NaN ask size", $"{Quote}, ask_size) VALUES (now() - interval '1 day', 'BAD/USDT', 99, 101, 'NaN')"),
        ("quote NaN volume", $"{Quote}, volume) VALUES (now() - interval '1 day', 'BAD/USDT', 99, 101, 'NaN')"),
        ("quote Infinity volume", $"{Quote}, volume) VALUES (now() - interval '1 day', 'BAD/USDT', 99, 101, 'Infinity')"),
        ("quote of 9.99e17", $"{Quote}) VALUES (now() - interval '1 day', 'BAD/USDT', 998999999999999999, 999000000000000000)"),
        ("quote at the maximum price", $"{Quote}) VALUES (now() - interval '1 day', 'BAD/USDT', 99, 100000000)"),
        ("quote a year ahead", $"{Quote}) VALUES (now() + interval '1 year', 'BAD/USDT', 99, 101)"),
        ("quote a minute ahead", $"{Quote}) VALUES (clock_timestamp() + interval '1 minute', 'BAD/USDT', 99, 101)"),
        ("quote at infinity", $"{Quote}) VALUES ('infinity', 'BAD/USDT', 99, 101)"),
        ("quote at -infinity", $"{Quote}) VALUES ('-infinity', 'BAD/USDT', 99, 101)"),
        ("instrument tick size NaN", "INSERT INTO instruments (symbol, tick_size) VALUES ('NAN/USDT', 'NaN')"),
        ("instrument lot size NaN", "INSERT INTO instruments (symbol, lot_size) VALUES ('NAN/USDT', 'NaN')"),
        ("instrument min notional NaN", "INSERT INTO instruments (symbol, min_notional) VALUES ('NAN/USDT', 'NaN')"),
        ("account min fee NaN", "INSERT INTO accounts (account, min_fee) VALUES ('bad-nan', 'NaN')"),
        ("account capital NaN", "INSERT INTO accounts (account, initial_capital, cash) VALUES ('bad-nan', 'NaN', 'NaN')"),
        ("account capital 10^15", "INSERT INTO accounts (account, initial_capital, cash) VALUES ('bad-rich', 1e15, 1e15)"),
        ("account cash set to NaN", "UPDATE accounts SET cash = 'NaN' WHERE account = 'bad'"),
        ("deposit of 10^15", "SELECT deposit('bad', 1e15)"),
        ("deposit of NaN", "SELECT deposit('bad', 'NaN')"),
        ("risk limit threshold NaN", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('bad', 'max_order_notional', 'NaN')"),
        ("risk limit threshold 10^15", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('bad', 'max_order_notional', 1e15)"),
        ("limit price 9.99e17", $"{Insert}, order_type, limit_price) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'limit', 999000000000000000)"),
        ("stop price at the maximum", $"{Insert}, order_type, stop_price) VALUES ('bad', 'BAD/USDT', 'SELL', 0.9, 'stop', 100000000)"),
        ("quantity 10^12", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 1000000000000)"),
        ("notional 10^15", $"{Insert}, notional) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 1e15)"),
        ("take profit price 10^9", $"{Insert}, take_profit) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 1000000000)"),
        ("take profit 999999999999999999 percent", $"{Insert}, take_profit, exit_unit) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 999999999999999999, 'percent')"),
        ("take profit 10001 percent", $"{Insert}, take_profit, exit_unit) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 10001, 'percent')"),
        ("stop loss 100 percent", $"{Insert}, stop_loss, exit_unit) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 100, 'percent')"),
        ("limit price on a market order", $"{Insert}, limit_price) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 1)"),
        ("limit price on a stop order", $"{Insert}, order_type, stop_price, limit_price) VALUES ('bad', 'BAD/USDT', 'SELL', 0.9, 'stop', 90, 1)"),
        ("stop price on a limit order", $"{Insert}, order_type, limit_price, stop_price) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'limit', 100, 1)"),
        ("stop price on a trailing stop", $"{Insert}, order_type, trailing_offset, stop_price) VALUES ('bad', 'BAD/USDT', 'SELL', 0.9, 'trailing_stop', 5, 90)"),
        ("expiry -infinity on a GTC order", $"{Insert}, expires_at) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, '-infinity')"),
        ("expiry on a day order", $"{Insert}, time_in_force, expires_at) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'day', now() + interval '1 hour')"),
        ("GTD expiring at infinity", $"{Insert}, time_in_force, expires_at) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 'gtd', 'infinity')"),
    ];

    /// <summary>Accepted at INSERT, then ended by the orchestrator: (what, statement, expected status).</summary>
    private static readonly (string What, string Sql, string Status)[] Ended =
    [
        ("sell with nothing held, no shorting", $"{Insert}) VALUES ('bad-flat', 'BAD/USDT', 'SELL', 0.9)", "rejected"),
        ("absurd quantity", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 100000000)", "rejected"),
        ("quantity below one lot", $"{Insert}, quantity) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0.0000001)", "rejected"),
        ("dust notional", $"{Insert}, notional) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0.00001)", "rejected"),
        ("halted account", $"{Insert}) VALUES ('bad-halted', 'BAD/USDT', 'BUY', 0.9)", "rejected"),
        ("no price ever", $"{Insert}) VALUES ('bad', 'NOPRICE/USDT', 'BUY', 0.9)", "rejected"),
        ("stale price", $"{Insert}) VALUES ('bad', 'STALE/USDT', 'BUY', 0.9)", "rejected"),
        ("close with nothing held", $"{Insert}) VALUES ('bad', 'STALE/USDT', 'CLOSE', 0.9)", "skipped"),
        ("hold", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'HOLD', 0.9)", "skipped"),
        ("confidence below threshold", $"{Insert}) VALUES ('bad', 'BAD/USDT', 'BUY', 0.1)", "skipped"),
        ("SQL-looking reasoning", $"{Insert}, quantity, reasoning) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0.01, '''); DROP TABLE trading_decisions; --')", "executed"),
        ("odd unicode agent", $"{Insert}, quantity, agent) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0.01, U&'\\+01F916 \\202E evil \\0301')", "executed"),
        ("forged status", $"{Insert}, quantity, status, status_reason) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0.01, 'executed', 'forged')", "executed"),
        ("forged order id and timestamps", $"{Insert}, quantity, order_id, processed_at, created_at) VALUES ('bad', 'BAD/USDT', 'BUY', 0.9, 0.01, -1, now(), '1999-01-01')", "executed"),
    ];

    [Fact]
    public async Task HostileCorpus_MixedIntoValidTraffic_EachRefusedOrEndedWithAReason()
    {
        Assert.True(Refused.Length + Ended.Length >= 50, "the corpus has at least 50 cases");
        var db = fixture.Database;
        await db.ExecuteAsync("""
            INSERT INTO accounts (account) VALUES ('bad'), ('bad-flat');
            INSERT INTO accounts (account, halted, halt_reason) VALUES ('bad-halted', true, 'kill switch test');
            INSERT INTO instruments (symbol, lot_size) VALUES ('BAD/USDT', 0.001), ('NOPRICE/USDT', 0.001), ('STALE/USDT', 0.001);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now() - interval '1 hour', 'STALE/USDT', 99.99, 100.01);
            """);
        await db.ExecuteAsync("INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, idempotency_key) VALUES ('bad', 'BAD/USDT', 'HOLD', 0.9, 1, 'once')");
        using var quotes = new CancellationTokenSource();
        var feed = Task.Run(async () =>
        {
            while (!quotes.IsCancellationRequested)
            {
                await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp(), 'BAD/USDT', 99.99, 100.01)");
                await Task.Delay(100);
            }
        });
        await Task.Delay(200);

        using var process = TradingProcess.Start(db.ConnectionString, null, "run");
        await process.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
        var ended = new List<(long Id, string What, string Status)>();
        var valid = new List<long>();
        for (var i = 0; i < Math.Max(Refused.Length, Ended.Length); i++)
        {
            valid.Add(await db.ScalarAsync<long>(
                "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('bad', 'BAD/USDT', $1, 0.9, 0.01) RETURNING id",
                i % 2 == 0 ? "BUY" : "SELL"));
            if (i < Refused.Length)
            {
                var error = await Record.ExceptionAsync(() => db.ExecuteAsync(Refused[i].Sql));
                Assert.True(error is PostgresException { MessageText.Length: > 0 }, $"{Refused[i].What}: expected a refusal, got {error?.GetType().Name ?? "success"}");
            }

            if (i < Ended.Length)
            {
                ended.Add((await db.ScalarAsync<long>(Ended[i].Sql + " RETURNING id"), Ended[i].What, Ended[i].Status));
            }
        }

        await Workload.WaitUntilNothingPendingAsync(db, "bad", TimeSpan.FromMinutes(1), process);
        await quotes.CancelAsync();
        await feed;

        foreach (var (id, what, status) in ended)
        {
            var row = (await db.QueryAsync("SELECT status, status_reason FROM trading_decisions WHERE id = $1", id)).Single();
            Assert.True(status == (string)row["status"]!, $"{what}: expected {status}, got {row["status"]}: {row["status_reason"]}");
            Assert.False(string.IsNullOrWhiteSpace((string?)row["status_reason"]), what);
        }

        Assert.Equal(valid.Count, await db.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE id = ANY($1) AND status = 'executed'", valid.ToArray()));
        Assert.Equal(0, await process.StopAsync());
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
        Assert.Empty(await db.InvariantViolationsAsync());
    }
}
