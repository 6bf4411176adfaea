using System.Globalization;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>
/// Resting orders from the command line: `decide` with order options, `cancel`, `orders --open` and the positions'
/// exit levels. Accounts trade without slippage on a BTC/USDT quote of 64999.99 / 65000.01, so the figures are exact.
/// </summary>
public sealed class OrderCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Connection => fixture.Database.ConnectionString;

    [Fact]
    public async Task DecideAndCancel_OrchestratorRunning_PlacedLimitListedOpenThenCanceledBracketLevelsOnThePosition()
    {
        await AccountAsync("desk");
        await fixture.Database.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 64999.99, 65000.01)");

        // Before the orchestrator runs: a pending decision and a request to cancel it, for the decision's own account.
        var (pendingExit, pending) = await CliRun.RunAsync(Connection, "decide", "BUY", "BTC/USDT", "--confidence", "0.8", "-a", "desk", "--quantity", "0.01", "--json");
        Assert.Equal(0, pendingExit);
        var pendingId = CliRun.Json(pending).GetProperty("id").GetInt64();
        var (requestExit, request) = await CliRun.RunAsync(Connection, "cancel", "--decision", pendingId.ToString(CultureInfo.InvariantCulture), "--reason", "changed my mind", "--json");
        Assert.True(requestExit == 0, request);
        var requested = CliRun.Json(request);
        Assert.Equal(("desk", "pending"), (requested.GetProperty("account").GetString(), requested.GetProperty("status").GetString()));
        var requestId = requested.GetProperty("request_id").GetInt64();

        using var orchestrator = TradingProcess.Start(Connection, null, "run");
        try
        {
            // A market entry with a 5 % / 10 % bracket: 65000.01 x 0.95 = 61750.0095 -> 61750.01 (towards the entry),
            // 65000.01 x 1.10 = 71500.011 -> 71500.02 (away from it).
            var (entryExit, entry) = await CliRun.RunAsync(Connection, "decide", "BUY", "BTC/USDT", "--confidence", "0.8", "-a", "desk", "--quantity", "0.01",
                "--stop-loss", "5", "--take-profit", "10", "--percent", "--wait", "--timeout", "30s", "--json");
            Assert.True(entryExit == 0, entry + orchestrator.Output);
            Assert.Equal("executed", CliRun.Json(entry).GetProperty("status").GetString());
            Assert.Equal(("canceled", "canceled by request " + requestId), await DecisionAsync(pendingId));
            Assert.Equal(("done", $"decision {pendingId} canceled"), await RequestAsync(requestId));
            var (_, positions) = await CliRun.RunAsync(Connection, "positions", "-a", "desk", "--json");
            var position = CliRun.Json(positions).EnumerateArray().Single();
            Assert.Equal((61750.01m, 71500.02m), (position.GetProperty("stop_loss").GetDecimal(), position.GetProperty("take_profit").GetDecimal()));

            // A limit buy below the ask rests: placed is a success, and the order id is printed.
            var (limitExit, limit) = await CliRun.RunAsync(Connection, "decide", "BUY", "BTC/USDT", "--confidence", "0.8", "-a", "desk", "--quantity", "0.01",
                "--type", "limit", "--limit", "60000", "--wait", "--timeout", "30s");
            Assert.True(limitExit == 0, limit + orchestrator.Output);
            var limitId = await fixture.Database.ScalarAsync<long>("SELECT max(id) FROM trading_decisions WHERE account = 'desk'");
            var orderId = await fixture.Database.ScalarAsync<long>("SELECT order_id FROM trading_decisions WHERE id = $1 AND status = 'placed'", limitId);
            Assert.Contains($"decision {limitId} BUY BTC/USDT (desk): placed - resting as GTC limit 60000", limit, StringComparison.Ordinal);
            Assert.Contains($"order {orderId} rests in the book (open, 0.01 remaining)", limit, StringComparison.Ordinal);

            var (openExit, open) = await CliRun.RunAsync(Connection, "orders", "--open", "-a", "desk", "--json");
            Assert.Equal(0, openExit);
            var rows = CliRun.Json(open).EnumerateArray().ToList();
            Assert.Equal(["entry", "take_profit", "stop_loss"], rows.Select(r => r.GetProperty("role").GetString()));
            var resting = rows[0];
            Assert.Equal((orderId, "limit", "gtc", "buy", "open"), (resting.GetProperty("order_id").GetInt64(), resting.GetProperty("order_type").GetString(),
                resting.GetProperty("tif").GetString(), resting.GetProperty("side").GetString(), resting.GetProperty("status").GetString()));
            Assert.Equal((0.01m, 60000m, 65000m), (resting.GetProperty("remaining").GetDecimal(), resting.GetProperty("limit_price").GetDecimal(),
                resting.GetProperty("current_price").GetDecimal()));
            Assert.Equal((71500.02m, 61750.01m), (rows[1].GetProperty("limit_price").GetDecimal(), rows[2].GetProperty("stop_price").GetDecimal()));

            var (cancelExit, cancel) = await CliRun.RunAsync(Connection, "cancel", "--order", orderId.ToString(CultureInfo.InvariantCulture), "--wait", "--timeout", "30s");
            Assert.True(cancelExit == 0, cancel + orchestrator.Output);
            Assert.Contains($"for order {orderId} (desk): done - order {orderId} canceled", cancel, StringComparison.Ordinal);
            Assert.Equal("canceled", await fixture.Database.ScalarAsync<string>("SELECT status FROM paper_orders WHERE order_id = $1", orderId));

            var (againExit, again) = await CliRun.RunAsync(Connection, "cancel", "--order", orderId.ToString(CultureInfo.InvariantCulture), "--wait", "--timeout", "30s", "--json");
            Assert.Equal(1, againExit);
            var answer = CliRun.Json(again);
            Assert.Equal(("rejected", $"order {orderId} is already canceled"), (answer.GetProperty("status").GetString(), answer.GetProperty("outcome").GetString()));

            var (unknownExit, unknown) = await CliRun.RunAsync(Connection, "cancel", "--order", "987654321", "--wait", "--timeout", "30s");
            Assert.Equal(1, unknownExit);
            Assert.Contains("rejected - there is no order 987654321", unknown, StringComparison.Ordinal);

            var (placedExit, placed) = await CliRun.RunAsync(Connection, "cancel", "--decision", limitId.ToString(CultureInfo.InvariantCulture), "--wait", "--timeout", "30s");
            Assert.Equal(1, placedExit);
            Assert.Contains($"rejected - decision {limitId} is already placed", placed, StringComparison.Ordinal);
        }
        finally
        {
            Assert.Equal(0, await orchestrator.StopAsync());
        }

        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task CancelWait_NoOrchestrator_StillPendingExitsTimedOutWithTheRequestRecorded()
    {
        await AccountAsync("idle");
        var decision = await fixture.Database.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('idle', 'SOL/USDT', 'BUY', 0.8) RETURNING id");

        var (exit, output) = await CliRun.RunAsync(Connection, "cancel", "--decision", decision.ToString(CultureInfo.InvariantCulture), "-a", "idle", "--agent", "ops",
            "--reason", "stale idea", "--wait", "--timeout", "300ms", "--json");

        Assert.Equal(7, exit);
        var json = CliRun.Json(output);
        Assert.Equal("pending", json.GetProperty("status").GetString());
        var row = (await fixture.Database.QueryAsync("SELECT account, order_id, decision_id, agent, reason, status FROM paper_cancel_requests WHERE request_id = $1",
            json.GetProperty("request_id").GetInt64())).Single();
        Assert.Equal(("idle", decision, "ops", "stale idea", "pending"), ((string)row["account"]!, (long)row["decision_id"]!, (string)row["agent"]!, (string)row["reason"]!, (string)row["status"]!));
        Assert.Null(row["order_id"]);
    }

    [Theory]
    [InlineData("give exactly one of --order and --decision.", "cancel")]
    [InlineData("give exactly one of --order and --decision.", "cancel", "--order", "1", "--decision", "2")]
    [InlineData("constraint paper_cancel_requests_account_fkey: unknown account", "cancel", "--order", "1", "--account", "nobody")]
    public Task Cancel_BadArguments_ClearMessageExitBadArgumentsNothingInserted(string message, params string[] arguments) =>
        CliRun.AssertBadArgumentsAsync(fixture.Database, "SELECT count(*) FROM paper_cancel_requests", message, arguments);

    [Fact]
    public async Task OrdersOpen_PercentTrailingStop_TrailingInPercentWithItsLevelsAndTheNormalListingShowsRoleAndStop()
    {
        // A hand-made working order (the orchestrator's part): a 5 % trailing sell stop, best bid 100, level 95. SOL/USDT
        // has no quote in this class, so no orchestrator here ever matches it.
        await AccountAsync("trail");
        var order = await fixture.Database.ScalarAsync<long>("""
            INSERT INTO paper_orders (account, symbol, side, order_type, time_in_force, quantity, stop_price, trailing_offset,
                                      trailing_is_percent, best_price, status, created_at, updated_at, evaluated_through)
            VALUES ('trail', 'SOL/USDT', 'sell', 'trailing_stop', 'gtc', 3, 95, 0.05, true, 100, 'open', now(), now(), now())
            RETURNING order_id
            """);

        var (exit, output) = await CliRun.RunAsync(Connection, "orders", "--open", "-a", "trail", "--json");
        var (tableExit, table) = await CliRun.RunAsync(Connection, "orders", "--open", "-a", "trail");
        var (listExit, list) = await CliRun.RunAsync(Connection, "orders", "-a", "trail", "--json");

        Assert.Equal((0, 0, 0), (exit, tableExit, listExit));
        var row = CliRun.Json(output).EnumerateArray().Single();
        Assert.Equal((order, "entry", "trailing_stop", "percent"), (row.GetProperty("order_id").GetInt64(), row.GetProperty("role").GetString(),
            row.GetProperty("order_type").GetString(), row.GetProperty("trailing_unit").GetString()));
        Assert.Equal((5m, 100m, 95m, 3m), (row.GetProperty("trailing").GetDecimal(), row.GetProperty("best_price").GetDecimal(),
            row.GetProperty("stop_price").GetDecimal(), row.GetProperty("remaining").GetDecimal()));
        Assert.False(row.GetProperty("triggered").GetBoolean());
        Assert.Contains("Open orders", table, StringComparison.Ordinal);
        Assert.Contains("│ trailing_unit │", table, StringComparison.Ordinal);
        var listed = CliRun.Json(list).EnumerateArray().Single();
        Assert.Equal(("entry", 95m, "gtc"), (listed.GetProperty("role").GetString(), listed.GetProperty("stop_price").GetDecimal(), listed.GetProperty("tif").GetString()));
    }

    private async Task<(string Status, string Reason)> DecisionAsync(long id)
    {
        var row = (await fixture.Database.QueryAsync("SELECT status, status_reason FROM trading_decisions WHERE id = $1", id)).Single();
        return ((string)row["status"]!, (string)row["status_reason"]!);
    }

    private async Task<(string Status, string Outcome)> RequestAsync(long id)
    {
        var row = (await fixture.Database.QueryAsync("SELECT status, outcome FROM paper_cancel_requests WHERE request_id = $1", id)).Single();
        return ((string)row["status"]!, (string)row["outcome"]!);
    }

    private Task<int> AccountAsync(string name) =>
        fixture.Database.ExecuteAsync("INSERT INTO accounts (account, slippage_model) VALUES ($1, 'none') ON CONFLICT DO NOTHING", name);
}
