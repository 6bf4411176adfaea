using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Trading.Data.Citus;
using Trading.Data.Embedded;
using Trading.Data.Migrations;

namespace Trading.Testing.Citus;

/// <summary>
/// A Citus cluster of the test run: a coordinator and two workers on loopback, each an embedded PostgreSQL (initdb and
/// pg_ctl on a free port in a temp folder) started with shared_preload_libraries = 'citus', stopped when the test
/// process exits. Started once, on first use, and only when the citus extension is installed next to the server
/// binaries; otherwise <see cref="GetAsync"/> gives the reason the Citus tests are skipped. The three servers share
/// one superuser password, which the coordinator's pg_dist_authinfo hands to Citus for its connections between nodes.
/// </summary>
public sealed class CitusCluster
{
    private const int Workers = 2;
    private static readonly Lazy<Task<CitusCluster?>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int databaseCounter;

    // One database created or dropped at a time: concurrent ones (two test classes starting together) failed with
    // "failure on connection marked as essential" on a worker.
    private static readonly SemaphoreSlim SetUp = new(1, 1);

    private readonly string password;

    private CitusCluster(IReadOnlyList<EmbeddedPostgres> nodes, string password)
    {
        Nodes = nodes;
        this.password = password;
    }

    /// <summary>The coordinator first, then the workers.</summary>
    public IReadOnlyList<EmbeddedPostgres> Nodes { get; }

    public EmbeddedPostgres Coordinator => Nodes[0];

    /// <summary>Why the Citus tests are skipped on this machine; null when Citus is installed.</summary>
    public static string? SkipReason { get; } = InstalledExtension.SkipReason("citus", "Citus");

    /// <summary>The run's cluster, or null (with <see cref="SkipReason"/>) when Citus is not installed.</summary>
    public static Task<CitusCluster?> GetAsync() => Shared.Value;

    /// <summary>
    /// A new database on every node with the citus extension, the workers added, migrated on the coordinator and, unless
    /// <paramref name="distribute"/> is false, distributed by `trading migrate --citus`'s own <see cref="CitusDistributor"/>.
    /// </summary>
    public async Task<TestDatabase> CreateDatabaseAsync(bool distribute = true)
    {
        var name = $"c_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}";
        await SetUp.WaitAsync();
        try
        {
            return await CreateAsync(name, distribute);
        }
        finally
        {
            SetUp.Release();
        }
    }

    private async Task<TestDatabase> CreateAsync(string name, bool distribute)
    {
        foreach (var node in Nodes)
        {
            await ExecuteAsync(AdminOf(node), $"CREATE DATABASE \"{name}\"");
            await ExecuteAsync(ConnectionStringFor(node, name), "CREATE EXTENSION citus");
        }

        var coordinator = ConnectionStringFor(Coordinator, name);
        // Every node, all three the same superuser and password: nodeid 0 in pg_dist_authinfo means any node.
        await ExecuteAsync(coordinator, $"INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES (0, '{EmbeddedPostgres.SuperUserName}', 'password={password}'), (-1, '{EmbeddedPostgres.SuperUserName}', 'password={password}')");
        await ExecuteAsync(coordinator, $"SELECT citus_set_coordinator_host('127.0.0.1', {Coordinator.Port})");
        foreach (var worker in Nodes.Skip(1))
        {
            await ExecuteAsync(coordinator, $"SELECT citus_add_node('127.0.0.1', {worker.Port})");
        }

        var database = new TestDatabase(name, coordinator, () => DropDatabaseAsync(name));
        await new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        if (distribute)
        {
            await new CitusDistributor(database.DataSource, NullLogger<CitusDistributor>.Instance).DistributeAsync(CancellationToken.None);
        }

        return database;
    }

    private async Task DropDatabaseAsync(string name)
    {
        await SetUp.WaitAsync();
        try
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var node in Nodes)
            {
                await ExecuteAsync(AdminOf(node), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
        finally
        {
            SetUp.Release();
        }
    }

    private string AdminOf(EmbeddedPostgres node) => ConnectionStringFor(node, "postgres");

    private string ConnectionStringFor(EmbeddedPostgres node, string database) =>
        new NpgsqlConnectionStringBuilder(node.AdminConnectionString) { Database = database, Password = password }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<CitusCluster?> StartAsync()
    {
        if (SkipReason is not null)
        {
            return null;
        }

        var root = Path.Combine(Path.GetTempPath(), $"{TestClusterJanitor.Prefix}citus-{Environment.ProcessId}");
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var nodes = new List<EmbeddedPostgres>();
        for (var i = 0; i <= Workers; i++)
        {
            var directory = Path.Combine(root, i == 0 ? "coordinator" : $"worker{i}");
            var node = await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresOptions { Directory = directory, Durable = false, Database = "postgres" },
                NullLogger.Instance, CancellationToken.None);
            TestClusterJanitor.RemoveWhenThisProcessExits(directory);
            // Citus must be preloaded; two-phase commit across workers needs prepared transactions.
            await ExecuteAsync(node.AdminConnectionString, "ALTER SYSTEM SET shared_preload_libraries = 'citus'");
            await ExecuteAsync(node.AdminConnectionString, "ALTER SYSTEM SET max_prepared_transactions = 200");
            await ExecuteAsync(node.AdminConnectionString, $"ALTER ROLE {EmbeddedPostgres.SuperUserName} PASSWORD '{password}'");
            await node.RestartAsync(CancellationToken.None);
            nodes.Add(node);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var node in nodes)
            {
                node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            TestClusterJanitor.TryDelete(root);
        };
        return new CitusCluster(nodes, password);
    }
}
