using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Trading.Data.Citus;
using Trading.Data.Migrations;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// A fresh, migrated database for one benchmark part, dropped afterwards (needs CREATEDB on the server), on one server
/// or on a <see cref="LocalCitusCluster"/>.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly Func<Task> drop;

    private BenchDatabase(string connectionString, string name, Func<Task> drop)
    {
        this.drop = drop;
        Name = name;
        // The caller's settings (pooling above all: the orchestrator under test keeps its connections), another database.
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(string connectionString, string name, bool migrate, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var database = new BenchDatabase(connectionString, name, () => ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None));
        if (migrate)
        {
            await new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        }

        return database;
    }

    /// <summary>A database on every node of <paramref name="cluster"/>, migrated and distributed as `trading migrate --citus` does.</summary>
    public static async Task<BenchDatabase> CreateOnCitusAsync(LocalCitusCluster cluster, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var database = new BenchDatabase(await cluster.CreateDatabaseAsync(name, cancellationToken), name, () => cluster.DropDatabaseAsync(name, CancellationToken.None));
        await new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        await new CitusDistributor(database.DataSource, NullLogger<CitusDistributor>.Instance).DistributeAsync(cancellationToken);
        return database;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await drop();
    }
}
