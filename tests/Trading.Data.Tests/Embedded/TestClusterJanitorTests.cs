using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Embedded;

public sealed class TestClusterJanitorTests
{
    [SkippableFact]
    public async Task IsPostgresOf_ThisRunsOwnServer_True()
    {
        var cluster = await TestCluster.GetAsync();
        // TRADING_TEST_DATABASE may live on another machine: its pids are not ours to look at.
        Skip.IfNot(cluster.CanRestart, "the server is not this run's own");

        await using var connection = await OpenAsync(cluster);
        var (pid, dataDirectory) = await BackendAsync(connection);

        Assert.True(TestClusterJanitor.IsPostgresOf(pid, dataDirectory));
    }

    [Fact]
    public async Task IsPostgresOf_AnotherProcess_False()
    {
        var cluster = await TestCluster.GetAsync();
        await using var connection = await OpenAsync(cluster);
        var (_, dataDirectory) = await BackendAsync(connection);

        // The pid a stale postmaster.pid names may since belong to anything, here the test process itself.
        Assert.False(TestClusterJanitor.IsPostgresOf(Environment.ProcessId, dataDirectory));
    }

    [Fact]
    public void IsPostgresOf_NoSuchProcess_False()
    {
        Assert.False(TestClusterJanitor.IsPostgresOf(int.MaxValue, Path.GetTempPath()));
    }

    private static async Task<NpgsqlConnection> OpenAsync(TestCluster cluster)
    {
        var connection = new NpgsqlConnection(cluster.AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A server process (a backend runs in the data folder like the postmaster) alive while the connection is.</summary>
    private static async Task<(int Pid, string DataDirectory)> BackendAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid(), current_setting('data_directory')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetString(1));
    }
}
