using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.Migrations;

namespace Trading.Orchestrator.Feeds.Benchmarks;

/// <summary>A throw-away, migrated database on the same server, so a benchmark never touches real data. Dropped on dispose.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource server;

    private ScratchDatabase(NpgsqlDataSource server, string name, NpgsqlDataSource dataSource)
    {
        this.server = server;
        Name = name;
        DataSource = dataSource;
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public bool Keep { get; set; }

    public static async Task<ScratchDatabase> CreateAsync(
        NpgsqlDataSource server, string connectionString, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(loggers);
        // The name is made here from the process id and a counter of digits only; identifiers cannot be parameters.
        var name = $"trading_bench_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
        await using (var create = server.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = name };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await new Migrator(dataSource, loggers.CreateLogger<Migrator>()).MigrateAsync(cancellationToken);
        return new ScratchDatabase(server, name, dataSource);
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (Keep)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            // Never hide the benchmark's own failure behind a cleanup one; the name is printed for a manual drop.
            await Console.Error.WriteLineAsync($"bench: could not drop scratch database {Name}: {e.Message}");
        }
    }
}
