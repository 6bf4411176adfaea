using Microsoft.EntityFrameworkCore;
using Npgsql;
using Trading.Data.Client;
using Trading.Orchestrator.Tests.Deployment;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Client;

/// <summary>
/// The README's "C# agents" snippet, run as written by an agent login granted its account while the executor works, and
/// what the typed client may not do for that login: see or trade an account not granted to it.
/// </summary>
public sealed class CSharpAgentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Begin = "// README: C# agents, begin";
    private const string End = "// README: C# agents, end";

    private readonly Desk desk = new(fixture.Database);
    private TestLogin agent = null!;

    public async Task InitializeAsync()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('alpha'), ('omega') ON CONFLICT DO NOTHING");
        await desk.InstrumentAsync("BTC/USDT");
        agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await agent.GrantAsync("alpha");
    }

    public async Task DisposeAsync() => await agent.DisposeAsync();

    [Fact]
    public async Task ReadmeSnippet_AgentLoginWithGrant_InsertsAndAwaitsTheOutcome()
    {
        // The agent inserts while the desk executes, so its decision carries the real time: the desk's world runs on it too
        // (the orchestrator never executes a decision before its creation, and a desk clock in the past would make the
        // quote look a month old).
        desk.SetClock(DateTimeOffset.UtcNow);
        await desk.QuoteAsync("BTC/USDT", 64999.99m, 65000.01m);
        var run = Task.Run(() => ReadmeSnippetAsync(agent.ConnectionString));
        while (!run.IsCompleted)
        {
            await desk.ExecuteAllAsync();
            await Task.Delay(20);
        }

        var decision = await run;
        Assert.Equal("executed", decision.Status);
        Assert.StartsWith("bought 0.01 BTC/USDT", decision.StatusReason, StringComparison.Ordinal);
        Assert.Equal(agent.Name, decision.Login);
        Assert.NotNull(decision.OrderId);
        var row = (await fixture.Database.QueryAsync("SELECT account, order_type, time_in_force, login FROM trading_decisions WHERE id = $1", decision.Id)).Single();
        Assert.Equal(["alpha", "market", "gtc", agent.Name], row.Values);
    }

    [Fact]
    public void ReadmeSnippet_IsTheCodeThisTestRuns()
    {
        var readme = RepositoryFiles.ReadAllText("README.md");
        var section = readme[readme.IndexOf("## C# agents", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var documented = section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)].TrimEnd().Split('\n');

        var source = RepositoryFiles.ReadAllText("tests/Trading.Orchestrator.Tests/Client/CSharpAgentTests.cs");
        var from = source.LastIndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var run = source[from..source.LastIndexOf(End, StringComparison.Ordinal)].Trim().Split('\n').Select(l => l.Trim());

        Assert.True(documented.Length <= 10, $"the README's snippet has {documented.Length} lines: keep it to ten");
        Assert.Equal(documented, run);
    }

    [Fact]
    public async Task Client_AgentLogin_SeesAndTradesOnlyGrantedAccounts()
    {
        await fixture.Database.ExecuteAsync(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('omega', 'BTC/USDT', 'HOLD', 0.5)");
        await using var dataSource = NpgsqlDataSource.Create(agent.ConnectionString);
        await using var db = TradingDbContext.Create(dataSource);

        Assert.Equal(["alpha"], await db.PortfolioOverview.Select(o => o.Account).ToListAsync());
        Assert.DoesNotContain("omega", await db.Decisions.Select(d => d.Account).ToListAsync());

        db.Decisions.Add(new TradingDecision { Account = "omega", Symbol = "BTC/USDT", Decision = "BUY", Confidence = 0.8m, Quantity = 0.01m });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        var error = Assert.IsType<PostgresException>(refused.InnerException);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("may not trade account omega", error.MessageText, StringComparison.Ordinal);
    }

    private static async Task<TradingDecision> ReadmeSnippetAsync(string connectionString)
    {
        // README: C# agents, begin
        await using var dataSource = NpgsqlDataSource.Create(connectionString); // the agent's own login
        await using var db = TradingDbContext.Create(dataSource);
        var decision = new TradingDecision { Account = "alpha", Symbol = "BTC/USDT", Decision = "BUY", Confidence = 0.8m, Quantity = 0.01m };
        db.Decisions.Add(decision);
        await db.SaveChangesAsync(); // INSERT ... RETURNING: id, status 'pending', created_at, login
        while (decision.Status == "pending") { await Task.Delay(50); await db.Entry(decision).ReloadAsync(); }
        var overview = await db.PortfolioOverview.SingleAsync(o => o.Account == "alpha");
        Console.WriteLine($"decision {decision.Id}: {decision.Status} ({decision.StatusReason}); equity {overview.TotalValue}");
        // README: C# agents, end
        return decision;
    }
}
