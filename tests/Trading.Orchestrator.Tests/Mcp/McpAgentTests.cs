using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Mcp;

/// <summary>`trading mcp` with a real orchestrator, and what the database refuses a login: the server adds no rule of its own.</summary>
public sealed class McpAgentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task DecideWait_OrchestratorRunning_ExecutedPlacedAndCanceledAsTheAgentLogin()
    {
        await fixture.Database.ExecuteAsync("""
            INSERT INTO accounts (account, initial_capital, cash) VALUES ('trip', 100000, 100000);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 64999.99, 65000.01);
            """);
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await agent.GrantAsync("trip");
        using var orchestrator = await TradingProcess.StartOrchestratorAsync(fixture.Database);
        await using var session = await McpSession.StartAsync(agent.ConnectionString);

        var executed = await session.CallOkAsync("decide", new { symbol = "BTC/USDT", decision = "BUY", confidence = 0.8m, account = "trip", quantity = 0.01m, wait = 30 });
        var placed = await session.CallOkAsync("decide", new
        {
            symbol = "BTC/USDT",
            decision = "BUY",
            confidence = 0.8m,
            account = "trip",
            quantity = 0.01m,
            order_type = "limit",
            limit_price = 50000m,
            wait = 30,
        });
        var canceled = await session.CallOkAsync("cancel", new { order_id = placed.GetProperty("order_id").GetInt64(), wait = 30 });

        Assert.True(executed.GetProperty("status").GetString() == "executed", executed + orchestrator.Output);
        var orderId = executed.GetProperty("order_id").GetInt64();
        var fill = (await fixture.Database.QueryAsync("SELECT price, fee FROM paper_fills WHERE order_id = $1", orderId)).Single();
        Assert.Contains($"bought 0.01 BTC/USDT at {(decimal)fill["price"]! / 1.0000000000000000000000000000m}", executed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // 0005 gives an agent no SELECT on paper_fills: the figures are the reason's, not columns it may not read (nulls are left out).
        Assert.False(executed.TryGetProperty("price", out _));
        Assert.Equal(("placed", "open"), (placed.GetProperty("status").GetString(), placed.GetProperty("order_status").GetString()));
        Assert.Equal(0.01m, placed.GetProperty("remaining_quantity").GetDecimal());
        Assert.Equal("done", canceled.GetProperty("status").GetString());

        var portfolio = await session.CallOkAsync("portfolio", new { account = "trip" });
        Assert.Equal(0.01m, portfolio.GetProperty("positions").EnumerateArray().Single().GetProperty("quantity").GetDecimal());
        Assert.Equal(0, portfolio.GetProperty("open_orders").GetArrayLength());

        // A login that may read the fills (here the database owner) gets them as figures too.
        await using var owner = await McpSession.StartAsync(fixture.Database.ConnectionString);
        var read = await owner.CallOkAsync("get_decision", new { id = executed.GetProperty("id").GetInt64() });
        Assert.Equal(((decimal)fill["price"]!, (decimal)fill["fee"]!), (read.GetProperty("price").GetDecimal(), read.GetProperty("fee").GetDecimal()));
        Assert.Equal("buy", read.GetProperty("side").GetString());
    }

    [Fact]
    public async Task Decide_ReaderLogin_ToolErrorWithTheDatabasesRefusal()
    {
        await using var reader = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_reader");
        await using var session = await McpSession.StartAsync(reader.ConnectionString);

        var error = await session.CallErrorAsync("decide", new { symbol = "BTC/USDT", decision = "BUY", confidence = 0.5m });
        var start = await session.CallErrorAsync("stop_paper", new { session_id = 1, wait = 0 });
        var quotes = await session.CallOkAsync("quote");

        Assert.Contains($"the database refused: permission denied for table trading_decisions (login {reader.Name} lacks the privilege", error, StringComparison.Ordinal);
        Assert.Contains("no strategy session 1", start, StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, quotes.ValueKind);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE login = $1", reader.Name));
    }

    [Fact]
    public async Task StartPaper_ReaderLogin_ToolErrorNoExecuteOnStartStrategy()
    {
        await using var reader = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_reader");
        await using var session = await McpSession.StartAsync(reader.ConnectionString);

        var error = await session.CallErrorAsync("start_paper", new
        {
            strategy_config = System.Text.Json.JsonDocument.Parse(Deployment.RepositoryFiles.ReadAllText("strategies/rsi_bounce.json")).RootElement,
            account = "reader-rsi",
        });

        Assert.Contains("permission denied for function start_strategy", error, StringComparison.Ordinal);
    }

    /// <summary>Per-account isolation is the database's (account_grants with row-level security): the MCP server relies on it and adds no filter.</summary>
    [Fact]
    public async Task Decide_AccountTheLoginMayNotTrade_ToolErrorNamesTheAccount()
    {
        await fixture.Database.ExecuteAsync("""
            INSERT INTO accounts (account, initial_capital, cash) VALUES ('mine', 10000, 10000), ('theirs', 10000, 10000)
            ON CONFLICT DO NOTHING
            """);
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await agent.GrantAsync("mine");
        await using var session = await McpSession.StartAsync(agent.ConnectionString);

        var mine = await session.CallOkAsync("decide", new { symbol = "BTC/USDT", decision = "HOLD", confidence = 0.5m, account = "mine" });
        var theirs = await session.CallErrorAsync("decide", new { symbol = "BTC/USDT", decision = "HOLD", confidence = 0.5m, account = "theirs" });
        var unseen = await session.CallErrorAsync("portfolio", new { account = "theirs" });

        Assert.Equal("pending", mine.GetProperty("status").GetString());
        Assert.Contains("theirs", theirs, StringComparison.Ordinal);
        Assert.Contains("unknown account 'theirs'", unseen, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'theirs'"));
    }
}
