using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Trading.Data.Embedded;
using Trading.Data.Migrations;

namespace Trading.Testing;

/// <summary>
/// The PostgreSQL server of a test run: the one TRADING_TEST_DATABASE points to (a role that may create databases),
/// else a throw-away cluster started here in a temp folder and stopped when the test process exits. It holds a migrated
/// template database; each test class gets a fresh copy of it.
/// </summary>
public sealed class TestCluster
{
    public const string EnvironmentVariable = "TRADING_TEST_DATABASE";
    private static readonly Lazy<Task<TestCluster>> Shared = new(() => StartAsync(preload: null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Task<TestCluster?>> Timescale = new(StartTimescaleAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int databaseCounter;

    private readonly EmbeddedPostgres? localServer;

    private TestCluster(string adminConnectionString, string templateName, EmbeddedPostgres? localServer)
    {
        this.localServer = localServer;
        AdminConnectionString = adminConnectionString;
        TemplateName = templateName;
    }

    public string AdminConnectionString { get; }

    public string TemplateName { get; }

    public static Task<TestCluster> GetAsync() => Shared.Value;

    /// <summary>Why the TimescaleDB tests are skipped on this machine; null when TimescaleDB is installed.</summary>
    public static string? TimescaleSkipReason { get; } = ServerExtension.MissingReason(null, "timescaledb", "TimescaleDB");

    /// <summary>
    /// The run's TimescaleDB server: a second throw-away cluster started with shared_preload_libraries = 'timescaledb',
    /// so its template is migrated onto hypertables as a TimescaleDB deployment is; null (with
    /// <see cref="TimescaleSkipReason"/>) when TimescaleDB is not installed. Started once, on first use.
    /// </summary>
    public static Task<TestCluster?> GetTimescaleAsync() => Timescale.Value;

    /// <summary>True when this run started its own server (and may restart it); false with TRADING_TEST_DATABASE.</summary>
    public bool CanRestart => localServer is not null;

    /// <summary>pg_ctl restart -m fast of the run's own server: every session is cut, as in a failover.</summary>
    public Task RestartAsync() =>
        (localServer ?? throw new InvalidOperationException("Only a server this test run started can be restarted.")).RestartAsync(CancellationToken.None);

    /// <summary>A connection string to another database of this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    /// <summary>A new, migrated database (a copy of the template).</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(bool migrated = true)
    {
        var name = $"t_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}";
        var template = migrated ? TemplateName : "template0";
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new TestDatabase(this, name, ConnectionStringFor(name));
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    internal async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<TestCluster?> StartTimescaleAsync() =>
        TimescaleSkipReason is null ? await StartAsync(preload: "timescaledb") : null;

    private static async Task<TestCluster> StartAsync(string? preload)
    {
        var admin = preload is null ? Environment.GetEnvironmentVariable(EnvironmentVariable) : null;
        EmbeddedPostgres? server = null;
        if (string.IsNullOrWhiteSpace(admin))
        {
            server = await StartLocalClusterAsync(preload);
            admin = server.AdminConnectionString;
        }

        // One template per test process, so parallel test runs against one shared server do not collide.
        var template = $"trading_template_{Environment.ProcessId}";
        var cluster = new TestCluster(admin, template, server);
        await cluster.ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{template}\"");
        await cluster.ExecuteAdminAsync($"CREATE DATABASE \"{template}\" TEMPLATE template0");
        var builder = new NpgsqlDataSourceBuilder(cluster.ConnectionStringFor(template) + ";Pooling=false");
        await using (var dataSource = builder.Build())
        {
            await new Migrator(dataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                cluster.ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The local cluster may already be stopping; nothing is left behind when it is removed.
            }
        };
        return cluster;
    }

    private static async Task<EmbeddedPostgres> StartLocalClusterAsync(string? preload)
    {
        TestClusterJanitor.RemoveAbandonedClusters();
        var directory = Path.Combine(Path.GetTempPath(), $"{TestClusterJanitor.Prefix}{(preload is null ? "" : preload + "-")}{Environment.ProcessId}");
        var server = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { Directory = directory, Durable = false, Database = "postgres" },
            NullLogger.Instance, CancellationToken.None);
        TestClusterJanitor.RemoveWhenThisProcessExits(directory);
        if (preload is not null)
        {
            await using (var connection = new NpgsqlConnection(server.AdminConnectionString + ";Pooling=false"))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"ALTER SYSTEM SET shared_preload_libraries = '{preload}'", connection);
                await command.ExecuteNonQueryAsync();
            }

            await server.RestartAsync(CancellationToken.None);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            TestClusterJanitor.TryDelete(directory);
        };
        return server;
    }
}
