using System.Text.Json;
using ModelContextProtocol.Protocol;
using Trading.Orchestrator.Tests.Deployment;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Mcp;

/// <summary>`trading mcp` over stdio as an agent's own login (a member of trading_agent): the tools, their schemas and errors.</summary>
public sealed class McpToolsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string[] ToolNames =
        ["cancel", "compare", "decide", "get_decision", "paper_status", "performance", "portfolio", "quote", "start_paper", "stop_paper", "trades"];

    private static readonly string[] DecisionColumns =
    [
        "account", "agent", "strategy", "risk_score", "reasoning", "current_price", "quantity", "notional", "order_type", "limit_price",
        "stop_price", "stop_loss", "take_profit", "trailing_offset", "exit_unit", "time_in_force", "expires_at", "idempotency_key", "wait",
    ];

    private static readonly string[] RequiredDecisionArguments = ["confidence", "decision", "symbol"];

    private static readonly string[] LowerCaseBtc = ["btc/usdt"];

    private TestLogin agent = null!;

    public async Task InitializeAsync()
    {
        await fixture.Database.ExecuteAsync("""
            INSERT INTO accounts (account, initial_capital, cash) VALUES ('mcp', 10000, 10000) ON CONFLICT DO NOTHING;
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 64999.99, 65000.01);
            """);
        agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        // An agent sees and trades only what it is granted; mcp-rsi does not exist yet: start_paper creates it.
        foreach (var account in new[] { "mcp", "mcp-rsi", "default" })
        {
            await agent.GrantAsync(account);
        }
    }

    public async Task DisposeAsync() => await agent.DisposeAsync();

    [Fact]
    public async Task ListTools_AgentLogin_EveryToolWithDescriptionAndSchema()
    {
        await using var session = await McpSession.StartAsync(agent.ConnectionString);

        var tools = await session.Client.ListToolsAsync();

        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), t.Name));
        var decide = tools.Single(t => t.Name == "decide").JsonSchema;
        Assert.Equal(RequiredDecisionArguments, decide.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        foreach (var column in DecisionColumns)
        {
            Assert.True(decide.GetProperty("properties").TryGetProperty(column, out _), column);
        }

        Assert.Contains("MCP server on stdio as login " + agent.Name, session.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadTools_AgentLogin_AnswerFromTheViews()
    {
        await using var session = await McpSession.StartAsync(agent.ConnectionString);

        var quotes = await session.CallOkAsync("quote", new { symbols = LowerCaseBtc });
        var portfolio = await session.CallOkAsync("portfolio", new { account = "mcp" });
        var trades = await session.CallOkAsync("trades", new { account = "mcp" });
        var performance = await session.CallOkAsync("performance", new { account = "mcp" });

        Assert.Equal(65000m, quotes.EnumerateArray().Single().GetProperty("mark_price").GetDecimal());
        Assert.Equal(10000m, portfolio.GetProperty("overview").GetProperty("total_value").GetDecimal());
        Assert.Equal(0, portfolio.GetProperty("positions").GetArrayLength());
        Assert.Equal(0, trades.GetArrayLength());
        Assert.Equal(0, performance.GetProperty("metrics").GetProperty("total_trades").GetInt64());
        Assert.False(performance.GetProperty("passed").GetBoolean());
        Assert.Equal(["days", "trades", "win_rate", "profit_factor", "sharpe", "max_drawdown_pct"],
            performance.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("gate").GetString()!));
    }

    [Fact]
    public async Task Decide_NoOrchestrator_PendingThenGetDecisionAndCancelIt()
    {
        await using var session = await McpSession.StartAsync(agent.ConnectionString);

        var decided = await session.CallOkAsync("decide", new
        {
            symbol = "btc/usdt",
            decision = "buy",
            confidence = 0.75m,
            account = "mcp",
            agent = "llm",
            strategy = "s1",
            risk_score = 0.3m,
            reasoning = "momentum",
            current_price = 65000m,
            notional = 500m,
            order_type = "limit",
            limit_price = 60000m,
            stop_loss = 5m,
            take_profit = 12m,
            trailing_offset = 3m,
            exit_unit = "percent",
            time_in_force = "gtd",
            expires_at = "2099-01-01T00:00:00Z",
            idempotency_key = "k-1",
        });
        var id = decided.GetProperty("id").GetInt64();
        var again = await session.CallOkAsync("decide", new { symbol = "BTC/USDT", decision = "BUY", confidence = 0.5m, account = "mcp", idempotency_key = "k-1" });
        var read = await session.CallOkAsync("get_decision", new { id });
        var cancel = await session.CallOkAsync("cancel", new { decision_id = id, reason = "changed my mind" });

        Assert.Equal("pending", decided.GetProperty("status").GetString());
        Assert.Equal(id, again.GetProperty("id").GetInt64());
        Assert.Equal(("mcp", "BUY", "pending"), (read.GetProperty("account").GetString(), read.GetProperty("decision").GetString(), read.GetProperty("status").GetString()));
        Assert.Equal(("mcp", "pending"), (cancel.GetProperty("account").GetString(), cancel.GetProperty("status").GetString()));
        var row = (await fixture.Database.QueryAsync("""
            SELECT agent, strategy, risk_score, reasoning, current_price, notional, order_type, limit_price, stop_loss, take_profit,
                   trailing_offset, exit_unit, time_in_force, expires_at, idempotency_key
            FROM trading_decisions WHERE id = $1
            """, id)).Single();
        Assert.Equal(("llm", "s1", "momentum", "limit", "percent", "gtd", "k-1"), ((string)row["agent"]!, (string)row["strategy"]!, (string)row["reasoning"]!,
            (string)row["order_type"]!, (string)row["exit_unit"]!, (string)row["time_in_force"]!, (string)row["idempotency_key"]!));
        Assert.Equal((0.3m, 65000m, 500m, 60000m, 5m, 12m, 3m), ((decimal)row["risk_score"]!, (decimal)row["current_price"]!, (decimal)row["notional"]!,
            (decimal)row["limit_price"]!, (decimal)row["stop_loss"]!, (decimal)row["take_profit"]!, (decimal)row["trailing_offset"]!));
        Assert.Equal(new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc), (DateTime)row["expires_at"]!);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE idempotency_key = 'k-1'"));
    }

    [Theory]
    [InlineData("decide", """{"symbol":"BTC/USDT","decision":"BUY","confidence":1.5,"account":"mcp"}""", "constraint trading_decisions_confidence_range: a value is out of range or malformed")]
    [InlineData("decide", """{"symbol":"BTC/USDT","decision":"BUY","confidence":0.5,"account":"nobody"}""", "may not trade account nobody")]
    [InlineData("decide", """{"symbol":"DOGE/USDT","decision":"BUY","confidence":0.5}""", "constraint trading_decisions_symbol_fkey: unknown symbol")]
    [InlineData("decide", """{"symbol":"BTC/USDT","decision":"SHORT","confidence":0.5}""", "constraint trading_decisions_decision_known")]
    [InlineData("decide", """{"symbol":"BTC/USDT","decision":"BUY","confidence":0.5,"order_type":"limit"}""", "constraint trading_decisions_limit_needs_price")]
    [InlineData("decide", """{"symbol":"BTC/USDT","decision":"BUY","confidence":0.5,"wait":600}""", "wait 600 is outside [0, 120] seconds.")]
    [InlineData("decide", """{"symbol":"BTC/USDT","decision":"BUY","confidence":"very"}""", "invalid arguments for 'decide': The JSON value could not be converted to System.Decimal")]
    [InlineData("decide", """{"symbol":"BTC/USDT","decision":"BUY"}""", "confidence")]
    [InlineData("get_decision", """{"id":987654321}""", "no decision 987654321 that this login can see.")]
    [InlineData("cancel", """{"order_id":1,"decision_id":2}""", "give exactly one of order_id and decision_id.")]
    [InlineData("portfolio", """{"account":"nobody"}""", "unknown account 'nobody'")]
    [InlineData("trades", """{"limit":0}""", "limit 0 is outside [1, 1000].")]
    [InlineData("paper_status", """{"session_id":424242}""", "no strategy session 424242")]
    [InlineData("start_paper", """{"strategy_config":{"name":"x","symbols":[],"timeframe":"4h"}}""", "invalid strategy_config: $.symbols")]
    public async Task Tools_BadArguments_ToolErrorWithTheReasonNoTrace(string tool, string arguments, string expected)
    {
        await using var session = await McpSession.StartAsync(agent.ConnectionString);

        var error = await session.CallErrorAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        await session.CallOkAsync("quote");
    }

    [Fact]
    public async Task StrategyTools_SeedRsiConfig_StartStatusCompareStop()
    {
        await using var session = await McpSession.StartAsync(agent.ConnectionString);
        var config = JsonDocument.Parse(RepositoryFiles.ReadAllText("strategies/rsi_bounce.json")).RootElement;

        var started = await session.CallOkAsync("start_paper", new { strategy_config = config, account = "mcp-rsi", capital = 5000m });
        var id = started.GetProperty("session_id").GetInt64();
        var status = await session.CallOkAsync("paper_status", new { session_id = id });
        var compared = await session.CallErrorAsync("compare", new { session_id = id });
        var stopped = await session.CallOkAsync("stop_paper", new { session_id = id, wait = 1 });
        var again = await session.CallErrorAsync("stop_paper", new { session_id = id, wait = 0 });

        Assert.Equal(("mcp-rsi", "rsi_bounce_paper", "4h"), (started.GetProperty("account").GetString(), started.GetProperty("name").GetString(), started.GetProperty("timeframe").GetString()));
        Assert.Equal("running", status.EnumerateArray().Single().GetProperty("status").GetString());
        // Its paper side loads as the agent's login; a session that has not acted on a bar has nothing to backtest yet.
        Assert.Contains($"session {id} has not acted on a bar yet: there is nothing to compare", compared, StringComparison.Ordinal);
        Assert.Equal("stopped", stopped.GetProperty("session").GetProperty("status").GetString());
        Assert.Contains($"strategy session {id} is already stopped", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_ContractAndAccountReport_Markdown()
    {
        await using var session = await McpSession.StartAsync(agent.ConnectionString);

        var resources = await session.Client.ListResourcesAsync();
        var templates = await session.Client.ListResourceTemplatesAsync();
        var contract = await session.Client.ReadResourceAsync("trading://docs/sql-contract");
        var report = await session.Client.ReadResourceAsync("trading://accounts/mcp/report");

        Assert.Equal(["trading://docs/readme", "trading://docs/sql-contract"], resources.Select(r => r.Uri).Order(StringComparer.Ordinal));
        Assert.Equal("trading://accounts/{account}/report", templates.Single().UriTemplate);
        var contractText = contract.Contents.OfType<TextResourceContents>().Single().Text;
        Assert.StartsWith("## A five-minute tour", contractText, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO trading_decisions", contractText, StringComparison.Ordinal);
        Assert.Contains("| `CLOSE` |", contractText, StringComparison.Ordinal);
        var reportText = report.Contents.OfType<TextResourceContents>().Single().Text;
        Assert.StartsWith("# Account mcp", reportText, StringComparison.Ordinal);
        Assert.Contains("| total_value | 10000 |", reportText, StringComparison.Ordinal);
        Assert.Contains("## Promotion gates: not all pass", reportText, StringComparison.Ordinal);
    }
}
