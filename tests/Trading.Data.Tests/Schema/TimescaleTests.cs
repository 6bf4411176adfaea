using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// On a TimescaleDB server (the run's own, started with the library preloaded, where TimescaleDB is installed) the
/// time-series tables are hypertables; on a plain server they are ordinary tables that work.
/// </summary>
public sealed class TimescaleTests(DatabaseFixture fixture, TimescaleFixture timescale) : IClassFixture<DatabaseFixture>, IClassFixture<TimescaleFixture>
{
    [SkippableFact]
    public async Task Migrate_WithTimescale_MakesTimeSeriesTablesHypertables()
    {
        var database = timescale.RequireDatabase();

        var hypertables = await database.QueryAsync(
            "SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public' ORDER BY 1");

        Assert.Equal(["market_depth", "market_prices", "market_trades", "paper_portfolio_snapshots", "paper_trades"], hypertables.Select(r => (string)r["hypertable_name"]!));
    }

    [Fact]
    public async Task Migrate_WithoutTimescale_KeepsOrdinaryTablesThatWork()
    {
        var available = await fixture.Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')");
        if (available)
        {
            return;
        }

        var kinds = await fixture.Database.QueryAsync("""
            SELECT relname, relkind::text AS kind FROM pg_class
            WHERE relname IN ('market_prices', 'paper_trades', 'paper_portfolio_snapshots') ORDER BY relname
            """);

        Assert.All(kinds, r => Assert.Equal("r", r["kind"]));
        Assert.Equal(3, kinds.Count);
    }
}
