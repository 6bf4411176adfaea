using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Citus;
using Trading.Data.Migrations;

namespace Trading.Testing.Citus;

/// <summary>
/// The Citus cluster of the test run: the product's <see cref="LocalCitusCluster"/> (a coordinator and two workers on
/// loopback) in a temp folder, started once, on first use, and only when Citus is installed next to the server binaries;
/// otherwise <see cref="GetAsync"/> gives the reason the Citus tests are skipped. Stopped when the test process exits.
/// </summary>
public sealed class CitusCluster
{
    private const int Workers = 2;
    private static readonly Lazy<Task<CitusCluster?>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int databaseCounter;

    // One database created or dropped at a time: concurrent ones (two test classes starting together) failed with
    // "failure on connection marked as essential" on a worker.
    private static readonly SemaphoreSlim SetUp = new(1, 1);

    private readonly LocalCitusCluster cluster;

    private CitusCluster(LocalCitusCluster cluster) => this.cluster = cluster;

    /// <summary>Why the Citus tests are skipped on this machine; null when Citus is installed.</summary>
    public static string? SkipReason { get; } = LocalCitusCluster.MissingReason(null);

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
            var database = new TestDatabase(name, await cluster.CreateDatabaseAsync(name, CancellationToken.None), () => DropDatabaseAsync(name));
            await new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
            if (distribute)
            {
                await new CitusDistributor(database.DataSource, NullLogger<CitusDistributor>.Instance).DistributeAsync(CancellationToken.None);
            }

            return database;
        }
        finally
        {
            SetUp.Release();
        }
    }

    private async Task DropDatabaseAsync(string name)
    {
        await SetUp.WaitAsync();
        try
        {
            await cluster.DropDatabaseAsync(name, CancellationToken.None);
        }
        finally
        {
            SetUp.Release();
        }
    }

    private static async Task<CitusCluster?> StartAsync()
    {
        if (SkipReason is not null)
        {
            return null;
        }

        var root = Path.Combine(Path.GetTempPath(), $"{TestClusterJanitor.Prefix}citus-{Environment.ProcessId}");
        // A killed test process leaves no server behind: the janitor watches each node's folder.
        foreach (var directory in LocalCitusCluster.NodeDirectories(root, Workers))
        {
            TestClusterJanitor.RemoveWhenThisProcessExits(directory);
        }

        var cluster = await LocalCitusCluster.StartAsync(root, Workers, NullLogger.Instance, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            TestClusterJanitor.TryDelete(root);
        };
        return new CitusCluster(cluster);
    }
}
