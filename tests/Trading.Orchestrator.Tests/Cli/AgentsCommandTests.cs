using Npgsql;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>`trading agents grant|revoke|list`: the grants a login's row-level security follows.</summary>
public sealed class AgentsCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Connection => fixture.Database.ConnectionString;

    [Fact]
    public async Task Grant_ThenListThenRevoke_LoginTradesOnlyWhileGranted()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('cli-agents') ON CONFLICT DO NOTHING");
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");

        var granted = await CliRun.RunAsync(Connection, "agents", "grant", agent.Name, "cli-agents", "--json");
        var listed = await CliRun.RunAsync(Connection, "agents", "list", "--role", agent.Name, "--json");
        await InsertAsync(agent);
        var revoked = await CliRun.RunAsync(Connection, "agents", "revoke", agent.Name, "cli-agents");

        Assert.True(granted.ExitCode == 0, granted.Output);
        var row = Assert.Single(CliRun.Json(listed.Output).EnumerateArray());
        Assert.Equal("cli-agents", row.GetProperty("account").GetString());
        Assert.True(row.GetProperty("can_trade").GetBoolean());
        Assert.True(revoked.ExitCode == 0, revoked.Output);
        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(agent));
        Assert.Equal($"role {agent.Name} may not trade account cli-agents", error.MessageText);
    }

    [Fact]
    public async Task Grant_ReadOnly_ListedWithoutTrade()
    {
        await using var reader = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_reader");

        var granted = await CliRun.RunAsync(Connection, "agents", "grant", reader.Name, "*", "--read-only");
        var listed = await CliRun.RunAsync(Connection, "agents", "list", "--role", reader.Name, "--json");

        Assert.True(granted.ExitCode == 0, granted.Output);
        var row = Assert.Single(CliRun.Json(listed.Output).EnumerateArray());
        Assert.False(row.GetProperty("can_trade").GetBoolean());
        Assert.True(row.GetProperty("can_read").GetBoolean());
    }

    [Theory]
    [InlineData("grant", "no_such_role_x")]
    [InlineData("revoke", "trading_agent")]
    public async Task GrantOrRevoke_UnknownRoleOrNoGrant_NotFoundExitCode(string verb, string role)
    {
        var (exit, output) = await CliRun.RunAsync(Connection, "agents", verb, role, "nowhere");

        Assert.Equal(5, exit);
        Assert.Contains(role, output, StringComparison.Ordinal);
    }

    private static async Task InsertAsync(TestLogin login)
    {
        await using var connection = await login.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('cli-agents', 'BTC/USDT', 'HOLD', 0.5)", connection);
        await insert.ExecuteNonQueryAsync();
    }
}
