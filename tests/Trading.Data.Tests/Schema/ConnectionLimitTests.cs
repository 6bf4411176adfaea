using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// Each agent or reader login has its own CONNECTION LIMIT (PostgreSQL ignores one on the group role), so idle agent
/// sessions cannot take the slots the orchestrator needs (issue 18, item 7).
/// </summary>
public sealed class ConnectionLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Open_AgentLoginPastItsLimit_RefusedWhileTheOwnerStillConnects()
    {
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, Database, "trading_agent", connectionLimit: 2);
        await using var first = await agent.OpenAsync();
        await using var second = await agent.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(agent.OpenAsync);

        Assert.Equal(PostgresErrorCodes.TooManyConnections, error.SqlState);
        Assert.Contains("too many connections for role", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, await Database.ScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task DefaultConnectionLimits_AgentAndReaderLoginsWithoutLimit_EachGetsTheLimit()
    {
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, Database, "trading_agent");
        await using var reader = await TestLogin.CreateAsync(fixture.Cluster, Database, "trading_reader");
        await using var limited = await TestLogin.CreateAsync(fixture.Cluster, Database, "trading_agent", connectionLimit: 9);
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        // Roles are the whole cluster's: the change is looked at inside the transaction and rolled back.
        await using var transaction = await connection.BeginTransactionAsync();

        var changed = new List<string>();
        await using (var call = new NpgsqlCommand("SELECT * FROM default_connection_limits(3)", connection, transaction))
        await using (var rows = await call.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                changed.Add(rows.GetString(0));
            }
        }

        await using var limits = new NpgsqlCommand("SELECT rolname::text, rolconnlimit FROM pg_roles WHERE rolname = ANY ($1)", connection, transaction);
        limits.Parameters.Add(new NpgsqlParameter { Value = new[] { agent.Name, reader.Name, limited.Name } });
        var byLogin = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var rows = await limits.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                byLogin[rows.GetString(0)] = rows.GetInt32(1);
            }
        }

        await transaction.RollbackAsync();
        Assert.Contains(agent.Name, changed);
        Assert.Contains(reader.Name, changed);
        Assert.DoesNotContain(limited.Name, changed);
        Assert.Equal(3, byLogin[agent.Name]);
        Assert.Equal(3, byLogin[reader.Name]);
        Assert.Equal(9, byLogin[limited.Name]);
    }
}
