using Npgsql;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Risk;

/// <summary>
/// Two real agent logins, each granted its own accounts, trade through a running orchestrator: their decisions execute,
/// carry their login, and a risk limit bound to a login holds whatever the agent writes in its free-text agent label.
/// </summary>
public sealed class AgentLoginTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Prefix = "agl";
    private const string Symbol = "AGL0/USDT";

    [Fact]
    public async Task Run_DecisionsOfTwoAgentLogins_ExecuteWithTheirLoginAndLoginLimitsHoldWhateverTheLabel()
    {
        var db = fixture.Database;
        await Workload.SetUpAsync(db, Prefix, accounts: 3, symbols: 1);
        await using var alice = await TestLogin.CreateAsync(fixture.Cluster, db, "trading_agent");
        await using var bob = await TestLogin.CreateAsync(fixture.Cluster, db, "trading_agent");
        await alice.GrantAsync("agl000");
        await alice.GrantAsync("agl002");
        await bob.GrantAsync("agl001");
        // One order of 1 at ~100 is beyond either limit: the login limit binds alice on agl000, the label limit only a label.
        await db.ExecuteAsync("INSERT INTO paper_risk_limits (account, kind, threshold, login) VALUES ('agl000', 'max_order_notional', 50, $1)", alice.Name);
        await db.ExecuteAsync("INSERT INTO paper_risk_limits (account, kind, threshold, agent) VALUES ('agl001', 'max_order_notional', 50, 'bob')");
        using var process = await TradingProcess.StartOrchestratorAsync(db);
        await Workload.QuoteAsync(db, Prefix, 1, 1);

        // The reproductions: the label alice writes does not matter, nor does leaving it out.
        var evasions = new[] { alice.Name, "Alice", "alice ", "al\u200bice", null };
        foreach (var label in evasions)
        {
            await InsertAsync(alice, "agl000", label);
        }

        await InsertAsync(alice, "agl002", "alice");
        await InsertAsync(bob, "agl001", "Bob");
        await InsertAsync(bob, "agl001", "bob");
        await Workload.WaitUntilNothingPendingAsync(db, Prefix, TimeSpan.FromMinutes(1), process);

        var rows = await db.QueryAsync($"SELECT account, agent, login, status, status_reason FROM trading_decisions WHERE account LIKE '{Prefix}%' ORDER BY id");
        Assert.Equal(8, rows.Count);
        Assert.All(rows.Take(evasions.Length), r =>
        {
            Assert.Equal(alice.Name, r["login"]);
            Assert.Equal("rejected", r["status"]);
            Assert.Contains($"max_order_notional[login={alice.Name}]", (string)r["status_reason"]!, StringComparison.Ordinal);
        });
        Assert.Equal(("agl002", alice.Name, "executed"), Row(rows[5]));
        // The label limit is evaded by a capital letter: a label is not a boundary, which is why logins exist.
        Assert.Equal(("agl001", bob.Name, "executed"), Row(rows[6]));
        Assert.Equal(("agl001", bob.Name, "rejected"), Row(rows[7]));
        Assert.Empty(await db.InvariantViolationsAsync());
        Assert.Equal(0, await process.StopAsync());
    }

    private static (string?, string?, string?) Row(Dictionary<string, object?> row) =>
        ((string?)row["account"], (string?)row["login"], (string?)row["status"]);

    private static async Task InsertAsync(TestLogin login, string account, string? agent)
    {
        await using var connection = await login.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO trading_decisions (account, agent, symbol, decision, confidence, quantity) VALUES ($1, $2, $3, 'BUY', 0.9, 1)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = account });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)agent ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = Symbol });
        await insert.ExecuteNonQueryAsync();
    }
}
