using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.MarketData;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;
using Trading.Testing;

namespace Trading.Data.Tests.MarketData;

/// <summary>Books and prints that quote rows carry reach market_depth and market_trades through the quote ingestor.</summary>
public sealed class DepthIngestTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2025, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private QuoteIngestor Ingestor(DuplicateHandling duplicates) =>
        new(fixture.Database.DataSource,
            new QuoteIngestorOptions { Duplicates = duplicates, NotifyInterval = TimeSpan.Zero, Source = "test" },
            TimeProvider.System, NullLogger<QuoteIngestor>.Instance);

    private static QuoteRow Row(string symbol, int second)
    {
        var time = T0.AddSeconds(second);
        var quote = new Quote(symbol, time, 99.9m, 100m, 100m, 1.5m, 2m);
        var book = new OrderBook(symbol, time,
            [new BookLevel(99.9m, 1.5m), new BookLevel(99.8m, 4m)],
            [new BookLevel(100m, 2m), new BookLevel(100.1m, 5m), new BookLevel(100.2m, 6m)]);
        VenueTrade[] trades = [new(second * 10L, new TradePrint(time, 100m, 0.5m, OrderSide.Buy)), new((second * 10L) + 1, new TradePrint(time, 99.9m, 0.25m))];
        return new QuoteRow(quote, Book: book, Trades: trades);
    }

    [Fact]
    public async Task WriteAsync_RowWithBookAndPrints_StoresEveryLevelAndPrint()
    {
        await using var ingestor = Ingestor(DuplicateHandling.Optimistic);

        await ingestor.WriteAsync([Row("DEPTH/USDT", 0)], CancellationToken.None);

        var levels = await fixture.Database.QueryAsync(
            "SELECT side, level, price, size, source FROM market_depth WHERE symbol = 'DEPTH/USDT' ORDER BY side DESC, level");
        Assert.Equal(["bid 0 99.9 1.5", "bid 1 99.8 4", "ask 0 100 2", "ask 1 100.1 5", "ask 2 100.2 6"],
            levels.Select(r => $"{r["side"]} {r["level"]} {(decimal)r["price"]!:0.##########} {(decimal)r["size"]!:0.############}"));
        Assert.All(levels, r => Assert.Equal("test", r["source"]));
        var prints = await fixture.Database.QueryAsync(
            "SELECT trade_id, price, size, aggressor FROM market_trades WHERE symbol = 'DEPTH/USDT' ORDER BY trade_id");
        Assert.Equal(["0 100 0.5 buy", "1 99.9 0.25 -"],
            prints.Select(r => $"{r["trade_id"]} {(decimal)r["price"]!:0.##########} {(decimal)r["size"]!:0.############} {r["aggressor"] ?? "-"}"));
    }

    [Theory]
    [InlineData(DuplicateHandling.Optimistic)]
    [InlineData(DuplicateHandling.Staging)]
    public async Task WriteAsync_SameRowsAgain_NoSecondBookOrPrint(DuplicateHandling duplicates)
    {
        var symbol = $"DUPDEPTH{(int)duplicates}/USDT";
        await using var ingestor = Ingestor(duplicates);
        await ingestor.WriteAsync([Row(symbol, 0), Row(symbol, 1)], CancellationToken.None);

        var again = await ingestor.WriteAsync([Row(symbol, 1), Row(symbol, 2)], CancellationToken.None);

        Assert.Equal(1, again.Written);
        Assert.Equal(15L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_depth WHERE symbol = $1", symbol));
        Assert.Equal(6L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_trades WHERE symbol = $1", symbol));
    }

    [Fact]
    public async Task WriteAsync_BookOfAnotherTime_RefusedAndNothingWritten()
    {
        await using var ingestor = Ingestor(DuplicateHandling.Optimistic);
        var row = Row("MISMATCH/USDT", 0);
        var wrong = row with { Book = new OrderBook("MISMATCH/USDT", T0.AddSeconds(5), [], []) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ingestor.WriteAsync([wrong], CancellationToken.None));

        Assert.Contains("not of its quote", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'MISMATCH/USDT'"));
    }
}
