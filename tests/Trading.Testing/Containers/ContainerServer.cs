using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;
using Xunit;

namespace Trading.Testing.Containers;

/// <summary>
/// The third way to get a server, beside the run's own cluster and TRADING_TEST_DATABASE: a throw-away container of a
/// pinned image (Testcontainers), where a Docker engine is reachable — a contributor's laptop runs the TimescaleDB and
/// Citus tests this way. Without an engine the calling test is skipped with the reason.
/// </summary>
public sealed class ContainerServer : IAsyncDisposable
{
    /// <summary>docker-compose.yml's TimescaleDB image: the one users run.</summary>
    public const string TimescaleImage = "timescale/timescaledb:2.28.0-pg16";

    /// <summary>Citus 13.2, the last line for PostgreSQL 15, as the Citus project publishes it (a one-node coordinator).</summary>
    public const string CitusImage = "citusdata/citus:13.2.0-pg15";

    private readonly PostgreSqlContainer container;

    private ContainerServer(PostgreSqlContainer container) => this.container = container;

    public string ConnectionString => container.GetConnectionString();

    /// <summary>Starts <paramref name="image"/>, or skips the calling test when no Docker engine answers.</summary>
    public static async Task<ContainerServer> StartOrSkipAsync(string image)
    {
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder(image).Build();
            await container.StartAsync();
        }
        catch (DockerUnavailableException e)
        {
            throw new SkipException($"No Docker engine is reachable, so the tests on {image} are skipped ({e.Message.Split('\n')[0]}).");
        }

        return new ContainerServer(container);
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async ValueTask DisposeAsync() => await container.DisposeAsync();
}
