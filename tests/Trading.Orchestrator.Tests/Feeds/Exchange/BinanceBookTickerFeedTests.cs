using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.MarketData;
using Trading.Orchestrator.Feeds.Exchange;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Feeds.Exchange;

public sealed class BinanceBookTickerFeedTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Snapshot = """
        [{"symbol":"BTCUSDT","bidPrice":"65000.10000000","bidQty":"1.50000000","askPrice":"65000.20000000","askQty":"2.00000000"},
         {"symbol":"ETHUSDT","bidPrice":"3200.01000000","bidQty":"10.00000000","askPrice":"3200.02000000","askQty":"12.00000000"}]
        """;

    private static string Frame(string symbol, long id, decimal bid, decimal ask) =>
        $$$"""{"stream":"{{{symbol.ToLowerInvariant()}}}@bookTicker","data":{"u":{{{id}}},"s":"{{{symbol}}}","b":"{{{bid}}}","B":"1.0","a":"{{{ask}}}","A":"2.0"}}""";

    private async Task<(BinanceBookTickerFeed Feed, IngestResult Result)> RunUntilAsync(LoopbackExchange exchange, string prefix, long rows, TimeSpan? silence = null)
    {
        using var http = new HttpClient();
        var options = new ExchangeFeedOptions
        {
            StreamUri = exchange.StreamUri,
            RestUri = exchange.BaseUri,
            Symbols = new Dictionary<string, string> { ["BTCUSDT"] = $"{prefix}BTC/USDT", ["ETHUSDT"] = $"{prefix}ETH/USDT" },
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
            SilenceTimeout = silence ?? TimeSpan.FromSeconds(30),
        };
        var feed = new BinanceBookTickerFeed(options, http, TimeProvider.System, NullLogger<BinanceBookTickerFeed>.Instance);
        await using var ingestor = new QuoteIngestor(
            fixture.Database.DataSource, new QuoteIngestorOptions(), TimeProvider.System, NullLogger<QuoteIngestor>.Instance);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var running = feed.RunAsync(ingestor, cancel.Token);
        while (!cancel.IsCancellationRequested && await Count(prefix) < rows)
        {
            await Task.Delay(50);
        }

        await cancel.CancelAsync();
        return (feed, await running);
    }

    private Task<long> Count(string prefix) =>
        fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol LIKE $1", prefix + "%");

    [Fact]
    public async Task RunAsync_DropAndMalformedFrame_ReconnectsWithSnapshotAndSkipsBadFrames()
    {
        await using var exchange = new LoopbackExchange(
            Snapshot,
            new LoopbackExchange.Script(
                [Frame("BTCUSDT", 1, 65001.00m, 65001.50m), Frame("ETHUSDT", 2, 3201.00m, 3201.10m), "{\"data\":{\"s\":\"BTCUSDT\",\"u\":", Frame("BTCUSDT", 3, 65002.00m, 65002.50m)],
                LoopbackExchange.Ending.Drop),
            new LoopbackExchange.Script(
                [Frame("BTCUSDT", 4, 65003.00m, 65003.50m), Frame("BTCUSDT", 3, 1m, 2m), Frame("ETHUSDT", 5, 3203.00m, 3203.10m)],
                LoopbackExchange.Ending.Hold));

        // Two snapshots of two symbols, three good frames before the drop, two after it.
        var (feed, result) = await RunUntilAsync(exchange, "WS", 9);

        Assert.Equal(9, result.Written);
        Assert.Equal(2, feed.Statistics.Connections);
        Assert.Equal(2, feed.Statistics.Snapshots);
        Assert.Equal(1, feed.Statistics.MalformedFrames);
        Assert.Equal(1, feed.Statistics.StaleUpdates);
        var btc = await fixture.Database.QueryAsync("SELECT bid, ask, bid_size FROM market_prices WHERE symbol = 'WSBTC/USDT' ORDER BY time");
        Assert.Equal([65000.1m, 65001.00m, 65002.00m, 65000.1m, 65003.00m], btc.Select(r => (decimal)r["bid"]!));
        Assert.Equal(1.5m, (decimal)btc[0]["bid_size"]!);
    }

    [Fact]
    public async Task RunAsync_SilentStream_TreatsSilenceAsGapAndResnapshots()
    {
        await using var exchange = new LoopbackExchange(
            Snapshot,
            new LoopbackExchange.Script([Frame("BTCUSDT", 1, 65001.00m, 65001.50m)], LoopbackExchange.Ending.Hold),
            new LoopbackExchange.Script([Frame("BTCUSDT", 2, 65002.00m, 65002.50m)], LoopbackExchange.Ending.Hold));

        var (feed, result) = await RunUntilAsync(exchange, "GAP", 6, silence: TimeSpan.FromMilliseconds(300));

        Assert.True(result.Written >= 6);
        Assert.True(feed.Statistics.Gaps >= 1);
        Assert.True(feed.Statistics.Snapshots >= 2);
    }
}
