using System.Security.Cryptography;
using Npgsql;

namespace Trading.Testing;

/// <summary>
/// A login role of its own (roles are cluster-wide, so the name is unique per test), a member of the given group role,
/// connecting to one test database with its own password: what an agent, feed or operator really is, where SET ROLE
/// would keep the superuser's session. Dropped, with its grants in that database, when disposed.
/// </summary>
public sealed class TestLogin : IAsyncDisposable
{
    private readonly TestCluster cluster;
    private readonly TestDatabase database;
    private readonly string password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private TestLogin(TestCluster cluster, TestDatabase database, string name)
    {
        this.cluster = cluster;
        this.database = database;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Unpooled: every Open is a new server session, so connection limits count exactly.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(database.ConnectionString)
    {
        Username = Name,
        Password = password,
        Pooling = false,
    }.ConnectionString;

    /// <summary>A new login, member of <paramref name="memberOf"/>, with <paramref name="connectionLimit"/> (null: unlimited, -1).</summary>
    public static async Task<TestLogin> CreateAsync(TestCluster cluster, TestDatabase database, string memberOf, int? connectionLimit = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(database);
        var login = new TestLogin(cluster, database, $"login_{Guid.NewGuid().ToString("N")[..12]}");
        var limit = connectionLimit is { } value ? $" CONNECTION LIMIT {value}" : string.Empty;
        await cluster.ExecuteAdminAsync($"CREATE ROLE \"{login.Name}\" LOGIN PASSWORD '{login.password}'{limit} IN ROLE \"{memberOf}\"");
        return login;
    }

    /// <summary>
    /// Lets this login trade and read an account (or only read it), as `trading agents grant` does; "*" is every account.
    /// Without a grant an agent login sees no account's rows and may trade none (migration 0014).
    /// </summary>
    public Task GrantAsync(string account, bool canTrade = true) =>
        database.ExecuteAsync("SELECT grant_account($1, $2, $3, true)", Name, account, canTrade);

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        // Its sessions first (DROP ROLE refuses while one is connected), then what it was granted in the database.
        await database.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", Name);
        for (var attempt = 0; attempt < 250 && await database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE usename = $1)", Name); attempt++)
        {
            await Task.Delay(20);
        }

        await database.ExecuteAsync($"DROP OWNED BY \"{Name}\"");
        await cluster.ExecuteAdminAsync($"DROP ROLE IF EXISTS \"{Name}\"");
    }
}
