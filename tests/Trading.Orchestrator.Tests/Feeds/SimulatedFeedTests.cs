using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.MarketData;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData.Simulation;
using Trading.Orchestrator.Feeds;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Feeds;

public sealed class SimulatedFeedTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private QuoteIngestor Ingestor() =>
        new(fixture.Database.DataSource, new QuoteIngestorOptions { BatchSize = 500, Source = "sim" }, TimeProvider.System, NullLogger<QuoteIngestor>.Instance);

    private static SimulatedFeed Feed(SimulatedFeedOptions options) =>
        new(options, TimeProvider.System, NullLogger<SimulatedFeed>.Instance);

    private static SimulatedFeedOptions Backfill(string symbol, ulong seed) => new()
    {
        Symbols = [new PathSettings(symbol, 65_000m, 0m, 0.6m, 0.0002m, 0.5m)],
        Seed = seed,
        Interval = TimeSpan.FromSeconds(1),
        From = From,
        To = From.AddMinutes(30),
    };

    private Task<List<Dictionary<string, object?>>> Stored(string symbol) =>
        fixture.Database.QueryAsync("SELECT time, bid, ask, last, bid_size, ask_size FROM market_prices WHERE symbol = $1 ORDER BY time", symbol);

    [Fact]
    public async Task RunAsync_Backfill_WritesOneQuotePerStep()
    {
        await using var ingestor = Ingestor();

        var result = await Feed(Backfill("SIMA/USDT", 1)).RunAsync(ingestor, CancellationToken.None);

        Assert.Equal(new IngestResult(1_800, 1_800, 4), result);
        var rows = await Stored("SIMA/USDT");
        Assert.Equal(From.UtcDateTime, (DateTime)rows[0]["time"]!);
        Assert.Equal(From.AddMinutes(30).AddSeconds(-1).UtcDateTime, (DateTime)rows[^1]["time"]!);
        Assert.All(rows, r => Assert.True((decimal)r["bid"]! < (decimal)r["ask"]!));
    }

    [Fact]
    public async Task RunAsync_BackfillWithDepth_EveryQuoteHasItsBookAroundItAndPrintsAtItsTouch()
    {
        await using var ingestor = Ingestor();

        await Feed(Backfill("SIMBOOK/USDT", 3) with { Depth = new DepthSettings(levels: 5) }).RunAsync(ingestor, CancellationToken.None);

        // Per quote: five levels a side, level 0 at the quote's own bid and ask, prices worsening level by level.
        var books = await fixture.Database.QueryAsync("""
            SELECT count(*) AS levels,
                   bool_and(d.price = CASE d.side WHEN 'bid' THEN p.bid ELSE p.ask END) FILTER (WHERE d.level = 0) AS touch_is_quote,
                   bool_and(d.size > 0) AS sized
            FROM market_depth d JOIN market_prices p ON p.symbol = d.symbol AND p.time = d.time
            WHERE d.symbol = 'SIMBOOK/USDT'
            """);
        Assert.Equal(1_800L * 10, books[0]["levels"]);
        Assert.Equal(true, books[0]["touch_is_quote"]);
        Assert.Equal(true, books[0]["sized"]);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("""
            SELECT count(*) FROM market_depth d JOIN market_depth n
                ON n.symbol = d.symbol AND n.time = d.time AND n.side = d.side AND n.level = d.level + 1
            WHERE d.symbol = 'SIMBOOK/USDT' AND CASE d.side WHEN 'bid' THEN n.price >= d.price ELSE n.price <= d.price END
            """));
        var prints = await fixture.Database.QueryAsync("""
            SELECT count(*) AS prints, bool_and(t.price = CASE t.aggressor WHEN 'buy' THEN p.ask ELSE p.bid END) AS at_touch
            FROM market_trades t JOIN market_prices p ON p.symbol = t.symbol AND p.time = t.time
            WHERE t.symbol = 'SIMBOOK/USDT'
            """);
        Assert.InRange((long)prints[0]["prints"]!, 1_800L, 4_000L); // 0 to 3 a quote, 1.5 on average
        Assert.Equal(true, prints[0]["at_touch"]);
    }

    [Fact]
    public async Task RunAsync_SameSeedAgain_StoresIdenticalQuotes()
    {
        await using var ingestor = Ingestor();
        await Feed(Backfill("SIMB/USDT", 5)).RunAsync(ingestor, CancellationToken.None);
        var first = await Stored("SIMB/USDT");
        await fixture.Database.ExecuteAsync("DELETE FROM market_prices WHERE symbol = 'SIMB/USDT'");

        await Feed(Backfill("SIMB/USDT", 5)).RunAsync(ingestor, CancellationToken.None);
        var second = await Stored("SIMB/USDT");

        Assert.Equal(1_800, first.Count);
        Assert.Equal(65_000m, (decimal)first[0]["last"]!);
        Assert.Equal(first.Select(r => string.Join('|', r.Values)), second.Select(r => string.Join('|', r.Values)));
    }

    [Fact]
    public async Task RunAsync_DifferentSeed_StoresDifferentQuotes()
    {
        await using var ingestor = Ingestor();
        await Feed(Backfill("SIMC/USDT", 5)).RunAsync(ingestor, CancellationToken.None);
        var five = await Stored("SIMC/USDT");
        await fixture.Database.ExecuteAsync("DELETE FROM market_prices WHERE symbol = 'SIMC/USDT'");

        await Feed(Backfill("SIMC/USDT", 6)).RunAsync(ingestor, CancellationToken.None);
        var six = await Stored("SIMC/USDT");

        Assert.Equal(five.Count, six.Count);
        Assert.NotEqual(five.Select(r => r["bid"]), six.Select(r => r["bid"]));
    }

    [Fact]
    public async Task RunAsync_BackfillAgain_SkipsEveryDuplicate()
    {
        await using var ingestor = Ingestor();
        await Feed(Backfill("SIMD/USDT", 5)).RunAsync(ingestor, CancellationToken.None);

        var again = await Feed(Backfill("SIMD/USDT", 5)).RunAsync(ingestor, CancellationToken.None);

        Assert.Equal(0, again.Written);
        Assert.Equal(1_800, again.Duplicates);
    }

    [Fact]
    public async Task RunAsync_LiveWithTickLimit_WritesEveryTickAndStops()
    {
        await using var ingestor = Ingestor();
        var options = new SimulatedFeedOptions
        {
            Symbols = [new PathSettings("LIVE/USDT", 100m, 0m, 0.5m, 0.001m, 1m)],
            Interval = TimeSpan.FromMilliseconds(20),
            MaxTicks = 3,
        };

        var result = await Feed(options).RunAsync(ingestor, CancellationToken.None);

        Assert.Equal(new IngestResult(3, 3, 3), result);
        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'LIVE/USDT'"));
    }

    [Fact]
    public async Task RunAsync_LiveCancelled_StopsWithoutError()
    {
        await using var ingestor = Ingestor();
        using var cancel = new CancellationTokenSource();
        var options = new SimulatedFeedOptions
        {
            Symbols = [new PathSettings("STOP/USDT", 100m, 0m, 0.5m, 0.001m, 1m)],
            Interval = TimeSpan.FromMilliseconds(20),
        };

        var run = Feed(options).RunAsync(ingestor, cancel.Token);
        // Cancelled once a quote is stored, not after a fixed delay: a loaded machine may not write one in 150 ms.
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (!run.IsCompleted && DateTimeOffset.UtcNow < deadline
               && await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'STOP/USDT'") == 0)
        {
            await Task.Delay(20);
        }

        await cancel.CancelAsync();
        var result = await run;

        Assert.True(result.Written >= 1);
    }
}
