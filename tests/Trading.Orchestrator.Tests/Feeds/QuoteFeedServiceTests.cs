using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.MarketData;
using Trading.Engine.MarketData.Simulation;
using Trading.Orchestrator.Feeds;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Feeds;

public sealed class QuoteFeedServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task StartAsync_SimulatedFeed_WritesQuotesInProcess()
    {
        await using var ingestor = new QuoteIngestor(
            fixture.Database.DataSource, new QuoteIngestorOptions(), TimeProvider.System, NullLogger<QuoteIngestor>.Instance);
        var feed = new SimulatedFeed(
            new SimulatedFeedOptions { Symbols = [SimulationDefaults.For("HOSTED/USDT")], Interval = TimeSpan.FromMilliseconds(10), MaxTicks = 3 },
            TimeProvider.System, NullLogger<SimulatedFeed>.Instance);
        using var service = new QuoteFeedService(feed, ingestor, NullLogger<QuoteFeedService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'HOSTED/USDT'"));
        Assert.Equal(100.00m, await fixture.Database.ScalarAsync<decimal>("SELECT last FROM market_prices WHERE symbol = 'HOSTED/USDT' ORDER BY time LIMIT 1"));
    }
}
