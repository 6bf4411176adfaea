using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.MarketData;
using Trading.Orchestrator.Feeds;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Feeds;

public sealed class ReplayFeedTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("replay-tests-").FullName;

    private QuoteIngestor Ingestor(int batchSize = 2) =>
        new(fixture.Database.DataSource, new QuoteIngestorOptions { BatchSize = batchSize, Source = "replay" },
            TimeProvider.System, NullLogger<QuoteIngestor>.Instance);

    private string File(string name, string text)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task RunAsync_MalformedLineAfterValidRows_LoadsNothing()
    {
        // Batches of two: a line-by-line load would have committed the first rows before reaching line 4.
        var path = File("bad.csv",
            "2024-05-01T12:00:00Z,BADFILE/USDT,1,2\n2024-05-01T12:00:01Z,BADFILE/USDT,1,2\n2024-05-01T12:00:02Z,BADFILE/USDT,1,2\n2024-05-01T12:00:03Z,BADFILE/USDT,3,2\n");
        await using var ingestor = Ingestor();
        var feed = new ReplayFeed(new ReplayFeedOptions { Path = path }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<QuoteFileException>(() => feed.RunAsync(ingestor, CancellationToken.None));

        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'BADFILE/USDT'"));
    }

    [Fact]
    public async Task RunAsync_KlineFile_LoadsCloseAndVolume()
    {
        var path = File("klines.csv",
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n" +
            "1714521600000,60672.00,60780.50,60600.01,60700.99,123.456,1714521659999,7490000.1,1500,60.1,3650000.2,0\n" +
            "1714521660000,60700.99,60750.00,60650.00,60720.10,98.7,1714521719999,5990000.5,1200,50.2,3050000.9,0\n");
        await using var ingestor = Ingestor();
        var feed = new ReplayFeed(new ReplayFeedOptions { Path = path, Format = QuoteFileFormat.Kline, Symbol = "KLINE/USDT" }, TimeProvider.System);

        var result = await feed.RunAsync(ingestor, CancellationToken.None);

        Assert.Equal(2, result.Written);
        var rows = await fixture.Database.QueryAsync("SELECT last, volume, bid, source FROM market_prices WHERE symbol = 'KLINE/USDT' ORDER BY time");
        Assert.Equal([60700.99m, 60720.10m], rows.Select(r => (decimal)r["last"]!));
        Assert.Equal([123.456m, 98.7m], rows.Select(r => (decimal)r["volume"]!));
        Assert.All(rows, r => Assert.Null(r["bid"]));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM instruments WHERE symbol = 'KLINE/USDT'"));
    }

    [Fact]
    public async Task RunAsync_SameFileTwice_SecondLoadSkipsDuplicates()
    {
        var path = File("twice.csv", "2024-05-01T12:00:00Z,TWICE/USDT,1,2\n2024-05-01T12:00:01Z,TWICE/USDT,1.5,2\n2024-05-01T12:00:02Z,TWICE/USDT,1,2.5\n");
        await using var ingestor = Ingestor();

        await new ReplayFeed(new ReplayFeedOptions { Path = path }, TimeProvider.System).RunAsync(ingestor, CancellationToken.None);
        var second = await new ReplayFeed(new ReplayFeedOptions { Path = path }, TimeProvider.System).RunAsync(ingestor, CancellationToken.None);

        Assert.Equal(new IngestResult(3, 0, 2), second);
        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'TWICE/USDT'"));
    }

    [Fact]
    public async Task RunAsync_PacedAtHighSpeed_KeepsOrderAndTakesAtLeastScaledTime()
    {
        // Two seconds of quotes at 20x: at least 100 ms.
        var path = File("paced.csv", "2024-05-01T12:00:00Z,PACED/USDT,1,2\n2024-05-01T12:00:01Z,PACED/USDT,1,2\n2024-05-01T12:00:02Z,PACED/USDT,1,2\n");
        await using var ingestor = Ingestor(batchSize: 100);
        var feed = new ReplayFeed(new ReplayFeedOptions { Path = path, Speed = 20m }, TimeProvider.System);
        var started = TimeProvider.System.GetTimestamp();

        var result = await feed.RunAsync(ingestor, CancellationToken.None);

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(95));
        Assert.Equal(3, result.Written);
        // The first quote goes alone; on a loaded machine the pacing may fall behind and write the two late ones together.
        Assert.InRange(result.Batches, 2, 3);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
