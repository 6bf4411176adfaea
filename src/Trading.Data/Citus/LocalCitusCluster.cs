using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.Embedded;

namespace Trading.Data.Citus;

/// <summary>
/// A private Citus cluster on this machine: a coordinator and workers on loopback, each an embedded PostgreSQL (initdb
/// and pg_ctl on a free port in a folder under <c>root</c>) started with shared_preload_libraries = 'citus'. For
/// `trading bench run --citus` and the Citus tests; never a production layout (the servers are not durable). The nodes
/// share one superuser password, which each database's pg_dist_authinfo hands to Citus for its connections between nodes.
/// </summary>
public sealed class LocalCitusCluster : IAsyncDisposable
{
    private readonly string password;

    private LocalCitusCluster(IReadOnlyList<EmbeddedPostgres> nodes, string password)
    {
        Nodes = nodes;
        this.password = password;
    }

    /// <summary>The coordinator first, then the workers.</summary>
    public IReadOnlyList<EmbeddedPostgres> Nodes { get; }

    public EmbeddedPostgres Coordinator => Nodes[0];

    /// <summary>Why no Citus cluster can start on this machine (citus.so or citus.control missing); null when it can.</summary>
    public static string? MissingReason(string? binDirectory) => ServerExtension.MissingReason(binDirectory, "citus", "Citus");

    /// <summary>The nodes' folders under <paramref name="root"/>: the coordinator's, then each worker's.</summary>
    public static IReadOnlyList<string> NodeDirectories(string root, int workers) =>
        [Path.Combine(root, "coordinator"), .. Enumerable.Range(1, workers).Select(i => Path.Combine(root, $"worker{i}"))];

    /// <summary>Starts a coordinator in <c>root/coordinator</c> and <paramref name="workers"/> workers in <c>root/workerN</c>.</summary>
    public static async Task<LocalCitusCluster> StartAsync(string root, int workers, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var nodes = new List<EmbeddedPostgres>();
        try
        {
            foreach (var directory in NodeDirectories(root, workers))
            {
                var node = await EmbeddedPostgres.StartAsync(
                    new EmbeddedPostgresOptions { Directory = directory, Durable = false, Database = "postgres" },
                    logger, cancellationToken);
                nodes.Add(node);
                // Citus must be preloaded; two-phase commit across workers needs prepared transactions.
                await ExecuteAsync(node.AdminConnectionString, "ALTER SYSTEM SET shared_preload_libraries = 'citus'", cancellationToken);
                await ExecuteAsync(node.AdminConnectionString, "ALTER SYSTEM SET max_prepared_transactions = 200", cancellationToken);
                await ExecuteAsync(node.AdminConnectionString, $"ALTER ROLE {EmbeddedPostgres.SuperUserName} PASSWORD '{password}'", cancellationToken);
                await node.RestartAsync(cancellationToken);
            }
        }
        catch
        {
            await StopAsync(nodes);
            throw;
        }

        return new LocalCitusCluster(nodes, password);
    }

    /// <summary>
    /// A new database on every node with the citus extension, the coordinator and workers registered; returns the
    /// coordinator's connection string to it (not migrated).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var node in Nodes)
        {
            await ExecuteAsync(ConnectionStringFor(node, "postgres"), $"CREATE DATABASE \"{name}\"", cancellationToken);
            await ExecuteAsync(ConnectionStringFor(node, name), "CREATE EXTENSION citus", cancellationToken);
        }

        var coordinator = ConnectionStringFor(Coordinator, name);
        // Every node has the same superuser and password: nodeid 0 in pg_dist_authinfo means any worker, -1 the coordinator.
        var user = EmbeddedPostgres.SuperUserName;
        await ExecuteAsync(coordinator,
            $"INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES (0, '{user}', 'password={password}'), (-1, '{user}', 'password={password}')",
            cancellationToken);
        await ExecuteAsync(coordinator, $"SELECT citus_set_coordinator_host('127.0.0.1', {Coordinator.Port})", cancellationToken);
        foreach (var worker in Nodes.Skip(1))
        {
            await ExecuteAsync(coordinator, $"SELECT citus_add_node('127.0.0.1', {worker.Port})", cancellationToken);
        }

        return coordinator;
    }

    /// <summary>Drops the database on every node (its sessions are cut).</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var node in Nodes)
        {
            await ExecuteAsync(ConnectionStringFor(node, "postgres"), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
        }
    }

    /// <summary>Stops every node (the folders stay: the caller owns them).</summary>
    public ValueTask DisposeAsync() => new(StopAsync(Nodes));

    private string ConnectionStringFor(EmbeddedPostgres node, string database) =>
        new NpgsqlConnectionStringBuilder(node.AdminConnectionString) { Database = database, Password = password }.ConnectionString;

    private static async Task StopAsync(IEnumerable<EmbeddedPostgres> nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
