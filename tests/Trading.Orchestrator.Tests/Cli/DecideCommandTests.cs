using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>`trading decide`: inserts as an agent would; --wait follows the decision through a real orchestrator.</summary>
public sealed class DecideCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Connection => fixture.Database.ConnectionString;

    [Fact]
    public async Task Decide_LowerCaseVerb_StoredUpperCaseWithEveryOptionPending()
    {
        await AccountAsync("insert");

        var (exit, output) = await CliRun.RunAsync(Connection, "decide", "buy", "btc/usdt", "--confidence", "0.75", "--risk", "0.3", "--notional", "500",
            "--account", "insert", "--agent", "cli-test", "--reasoning", "Strong upward momentum", "--idempotency-key", "k-1", "--json");

        Assert.Equal(0, exit);
        var id = CliRun.Json(output).GetProperty("id").GetInt64();
        var row = (await fixture.Database.QueryAsync(
            "SELECT account, symbol, decision, confidence, risk_score, notional, quantity, agent, reasoning, idempotency_key, status FROM trading_decisions WHERE id = $1", id)).Single();
        Assert.Equal(("insert", "BTC/USDT", "BUY", "pending"), ((string)row["account"]!, (string)row["symbol"]!, (string)row["decision"]!, (string)row["status"]!));
        Assert.Equal((0.75m, 0.3m, 500m), ((decimal)row["confidence"]!, (decimal)row["risk_score"]!, (decimal)row["notional"]!));
        Assert.Null(row["quantity"]);
        Assert.Equal(("cli-test", "Strong upward momentum", "k-1"), ((string)row["agent"]!, (string)row["reasoning"]!, (string)row["idempotency_key"]!));
    }

    [Fact]
    public async Task Decide_NoAccount_GoesToTheDefaultAccountAndPrintsTheId()
    {
        var (exit, output) = await CliRun.RunAsync(Connection, "decide", "Hold", "ETH/USDT", "--confidence", "0.5");

        Assert.Equal(0, exit);
        var id = await fixture.Database.ScalarAsync<long>("SELECT max(id) FROM trading_decisions WHERE account = 'default' AND decision = 'HOLD'");
        Assert.Contains($"decision {id} inserted for account default (pending)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown decision 'SHORT': use BUY, SELL, CLOSE or HOLD.", "decide", "short", "BTC/USDT", "--confidence", "0.5")]
    [InlineData("--confidence 1.5 is outside [0, 1].", "decide", "BUY", "BTC/USDT", "--confidence", "1.5")]
    [InlineData("--confidence is required", "decide", "BUY", "BTC/USDT")]
    [InlineData("--risk -0.1 is outside [0, 1].", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--risk", "-0.1")]
    [InlineData("give --quantity or --notional, not both.", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--quantity", "1", "--notional", "5")]
    [InlineData("constraint trading_decisions_account_fkey: unknown account", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--account", "nobody")]
    [InlineData("constraint trading_decisions_symbol_fkey: unknown symbol", "decide", "BUY", "DOGE/USDT", "--confidence", "0.5")]
    [InlineData("refused: a limit or stop_limit order needs limit_price (--limit) (constraint trading_decisions_limit_needs_price)", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--type", "limit")]
    [InlineData("constraint trading_decisions_stop_needs_price", "decide", "SELL", "BTC/USDT", "--confidence", "0.5", "--type", "stop-limit", "--limit", "100")]
    [InlineData("constraint trading_decisions_trailing_needs_offset", "decide", "SELL", "BTC/USDT", "--confidence", "0.5", "--type", "trailing-stop")]
    [InlineData("order_type (--type) is one of market, limit, stop, stop_limit, trailing_stop", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--type", "iceberg")]
    [InlineData("constraint trading_decisions_time_in_force_known", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--tif", "week")]
    [InlineData("constraint trading_decisions_gtd_needs_expiry", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--tif", "gtd")]
    [InlineData("constraint trading_decisions_expiry_in_future", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--expires", "2020-01-01T00:00Z")]
    [InlineData("constraint trading_decisions_limit_price_positive", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--type", "limit", "--limit", "-5")]
    [InlineData("constraint trading_decisions_percent_below_100", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--stop-loss", "150", "--percent")]
    [InlineData("--expires is the expiry of a GTD order: give --tif gtd or leave --tif out (not --tif day).", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--tif", "day", "--expires", "10m")]
    [InlineData("--limit applies to --type limit or stop-limit, not to a market order.", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--limit", "100")]
    [InlineData("--stop applies to --type stop or stop-limit, not to a trailing-stop order", "decide", "SELL", "BTC/USDT", "--confidence", "0.5", "--type", "trailing-stop", "--trailing", "2", "--stop", "90")]
    [InlineData("--percent says what --stop-loss, --take-profit and --trailing mean", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--percent")]
    [InlineData("'soon' is neither a time (2026-11-01T08:00Z) nor a positive duration", "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "--expires", "soon")]
    public Task Decide_BadArguments_ClearMessageExitBadArgumentsNothingInserted(string message, params string[] arguments) =>
        CliRun.AssertBadArgumentsAsync(fixture.Database, "SELECT count(*) FROM trading_decisions", message, arguments);

    [Fact]
    public async Task Decide_OrderOptions_StoredInTheSqlSpellingExpiryCountedFromTheDatabaseClock()
    {
        await AccountAsync("shape");

        var (exit, output) = await CliRun.RunAsync(Connection, "decide", "BUY", "BTC/USDT", "--confidence", "0.8", "-a", "shape", "--type", "Stop-Limit",
            "--stop", "70000", "--limit", "70100", "--expires", "10m", "--stop-loss", "5", "--take-profit", "12", "--trailing", "3", "--percent", "--json");
        var (absoluteExit, absolute) = await CliRun.RunAsync(Connection, "decide", "SELL", "BTC/USDT", "--confidence", "0.8", "-a", "shape", "--type", "trailing-stop",
            "--trailing", "250", "--tif", "GTD", "--expires", "2099-01-01T08:00:00+02:00", "--json");
        var (plainExit, plain) = await CliRun.RunAsync(Connection, "decide", "BUY", "BTC/USDT", "--confidence", "0.8", "-a", "shape", "--json");

        Assert.Equal((0, 0, 0), (exit, absoluteExit, plainExit));
        const string Sql = """
            SELECT order_type, limit_price, stop_price, trailing_offset, time_in_force, expires_at, expires_at - created_at AS lifetime,
                   stop_loss, take_profit, exit_unit
            FROM trading_decisions WHERE id = $1
            """;
        var row = (await fixture.Database.QueryAsync(Sql, CliRun.Json(output).GetProperty("id").GetInt64())).Single();
        Assert.Equal(("stop_limit", "gtd", "percent"), ((string)row["order_type"]!, (string)row["time_in_force"]!, (string)row["exit_unit"]!));
        Assert.Equal((70100m, 70000m, 3m, 5m, 12m), ((decimal)row["limit_price"]!, (decimal)row["stop_price"]!, (decimal)row["trailing_offset"]!,
            (decimal)row["stop_loss"]!, (decimal)row["take_profit"]!));
        Assert.InRange((TimeSpan)row["lifetime"]!, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        row = (await fixture.Database.QueryAsync(Sql, CliRun.Json(absolute).GetProperty("id").GetInt64())).Single();
        Assert.Equal(("trailing_stop", "gtd", "price", 250m), ((string)row["order_type"]!, (string)row["time_in_force"]!, (string)row["exit_unit"]!, (decimal)row["trailing_offset"]!));
        Assert.Equal(new DateTime(2099, 1, 1, 6, 0, 0, DateTimeKind.Utc), (DateTime)row["expires_at"]!);

        row = (await fixture.Database.QueryAsync(Sql, CliRun.Json(plain).GetProperty("id").GetInt64())).Single();
        Assert.Equal(("market", "gtc", "price"), ((string)row["order_type"]!, (string)row["time_in_force"]!, (string)row["exit_unit"]!));
        Assert.Null(row["expires_at"]);
    }

    [Fact]
    public async Task Decide_RepeatedIdempotencyKey_ReturnsTheOriginalDecisionExit0()
    {
        await AccountAsync("idem");
        var arguments = new[] { "decide", "BUY", "BTC/USDT", "--confidence", "0.5", "-a", "idem", "--idempotency-key", "same", "--json" };
        var first = await CliRun.RunAsync(Connection, arguments);
        Assert.True(first.ExitCode == 0, first.Output);

        var (exit, output) = await CliRun.RunAsync(Connection, arguments);

        Assert.True(exit == 0, output);
        var json = CliRun.Json(output);
        Assert.Equal(CliRun.Json(first.Output).GetProperty("id").GetInt64(), json.GetProperty("id").GetInt64());
        Assert.True(json.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'idem' AND idempotency_key = 'same'"));
    }

    [Fact]
    public async Task DecideWait_NoOrchestrator_StillPendingExitsTimedOut()
    {
        await AccountAsync("lonely");

        var (exit, output) = await CliRun.RunAsync(Connection, "decide", "BUY", "BTC/USDT", "--confidence", "0.8", "-a", "lonely", "--wait", "--timeout", "300ms", "--json");

        Assert.Equal(7, exit);
        Assert.Equal("pending", CliRun.Json(output).GetProperty("status").GetString());
    }

    [Fact]
    public async Task DecideWait_OrchestratorRunning_ExecutedWithFillSkippedAndRejectedExitOne()
    {
        await AccountAsync("waiter");
        await fixture.Database.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 64999.99, 65000.01)");
        using var orchestrator = TradingProcess.Start(Connection, null, "run");
        try
        {
            var (exit, output) = await CliRun.RunAsync(Connection, "decide", "BUY", "BTC/USDT", "--confidence", "0.8", "-a", "waiter", "--quantity", "0.01", "--wait", "--timeout", "30s", "--json");
            Assert.True(exit == 0, output + orchestrator.Output);
            var json = CliRun.Json(output);
            Assert.Equal("executed", json.GetProperty("status").GetString());
            Assert.Equal("buy", json.GetProperty("side").GetString());
            Assert.Equal(0.01m, json.GetProperty("quantity").GetDecimal());
            var fill = (await fixture.Database.QueryAsync("SELECT price, fee FROM paper_fills WHERE order_id = $1", json.GetProperty("order_id").GetInt64())).Single();
            Assert.Equal(CliRowsTrim((decimal)fill["price"]!), json.GetProperty("price").GetDecimal());
            Assert.Equal(CliRowsTrim((decimal)fill["fee"]!), json.GetProperty("fee").GetDecimal());

            var (textExit, text) = await CliRun.RunAsync(Connection, "decide", "sell", "BTC/USDT", "--confidence", "0.8", "-a", "waiter", "--wait");
            Assert.Equal(0, textExit);
            Assert.Contains("executed", text, StringComparison.Ordinal);
            Assert.Contains("order ", text, StringComparison.Ordinal);

            var (holdExit, hold) = await CliRun.RunAsync(Connection, "decide", "HOLD", "BTC/USDT", "--confidence", "0.8", "-a", "waiter", "--wait", "--json");
            Assert.Equal(1, holdExit);
            Assert.Equal("skipped", CliRun.Json(hold).GetProperty("status").GetString());

            // Flat and no shorting on this account: a SELL cannot open a short.
            var (sellExit, sell) = await CliRun.RunAsync(Connection, "decide", "SELL", "BTC/USDT", "--confidence", "0.9", "-a", "waiter", "--wait", "--json");
            Assert.True(sellExit == 1, sell);
            var sold = CliRun.Json(sell);
            Assert.NotEqual("executed", sold.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(sold.GetProperty("reason").GetString()));
        }
        finally
        {
            Assert.Equal(0, await orchestrator.StopAsync());
        }

        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    private static decimal CliRowsTrim(decimal value) => value / 1.0000000000000000000000000000m;

    private Task<int> AccountAsync(string name) =>
        fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ($1) ON CONFLICT DO NOTHING", name);
}
