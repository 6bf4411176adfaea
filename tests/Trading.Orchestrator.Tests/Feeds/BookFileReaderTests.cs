using Trading.Data.MarketData;
using Trading.Engine.Primitives;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Tests.Feeds;

public class BookFileReaderTests
{
    private static List<DepthLevelRow> Depth(string text) => BookFileReader.ReadDepth(new StringReader(text)).ToList();

    private static List<TradePrintRow> Trades(string text) => BookFileReader.ReadTrades(new StringReader(text)).ToList();

    [Fact]
    public void ReadDepth_TwoSnapshotsWithHeader_EveryLevelInOrder()
    {
        var rows = Depth("""
            time,symbol,side,level,price,size
            2024-05-01T12:00:00Z,BTC/USDT,bid,0,64999.5,1.5
            2024-05-01T12:00:00Z,BTC/USDT,ask,0,65000.5,2
            2024-05-01T12:00:00Z,BTC/USDT,bid,1,64999,3
            2024-05-01T12:00:00Z,ETH/USDT,ask,0,3200.1,4
            2024-05-01T12:00:01Z,BTC/USDT,ask,0,65001,0
            """);

        Assert.Equal(5, rows.Count);
        Assert.Equal(new DepthLevelRow(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), "BTC/USDT", BookSide.Bid, 1, 64999m, 3m), rows[2]);
        Assert.Equal((BookSide.Ask, 0m), (rows[4].Side, rows[4].Size));
    }

    [Theory]
    [InlineData("2024-05-01T12:00:01Z,BTC/USDT,bid,0,1,1\n2024-05-01T12:00:00Z,BTC/USDT,bid,0,1,1\n", 2, 1, "the file must be in time order")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,bid,1,1,1\n", 1, 4, "level 1 of the bids")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,bid,0,2,1\n2024-05-01T12:00:00Z,BTC/USDT,bid,1,2,1\n", 2, 5, "does not worsen")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,ask,0,2,1\n2024-05-01T12:00:00Z,BTC/USDT,ask,1,1.5,1\n", 2, 5, "does not worsen")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,bid,0,2,1\n2024-05-01T12:00:00Z,ETH/USDT,bid,0,2,1\n2024-05-01T12:00:00Z,BTC/USDT,bid,1,1,1\n", 3, 2, "is split")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,middle,0,2,1\n", 1, 3, "is not a side")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,bid,0,2,-1\n", 1, 6, "must not be negative")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,bid,0,2\n", 1, 6, "missing")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,bid,1000,2,1\n", 1, 4, "from 0 to 999")]
    public void ReadDepth_BadOrOutOfOrderLine_NamesLineAndColumn(string text, long line, int column, string problem)
    {
        var error = Assert.Throws<QuoteFileException>(() => Depth(text));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTrades_AggressorOptional_EveryPrint()
    {
        var rows = Trades("""
            time,symbol,trade_id,price,size,aggressor
            2024-05-01T12:00:00Z,BTC/USDT,17,65000.5,0.25,buy
            2024-05-01T12:00:00Z,BTC/USDT,18,64999.5,0.5,SELL
            2024-05-01T12:00:01Z,BTC/USDT,19,65000,1
            """);

        Assert.Equal(3, rows.Count);
        Assert.Equal(("BTC/USDT", 17L, 65000.5m, 0.25m, (OrderSide?)OrderSide.Buy), (rows[0].Symbol, rows[0].Trade.TradeId, rows[0].Trade.Print.Price, rows[0].Trade.Print.Size, rows[0].Trade.Print.Aggressor));
        Assert.Equal(OrderSide.Sell, rows[1].Trade.Print.Aggressor);
        Assert.Null(rows[2].Trade.Print.Aggressor);
    }

    [Theory]
    [InlineData("2024-05-01T12:00:01Z,BTC/USDT,1,1,1\n2024-05-01T12:00:00Z,BTC/USDT,2,1,1\n", 2, 1, "the file must be in time order")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,1,1,1\n2024-05-01T12:00:00Z,BTC/USDT,1,1,1\n", 2, 3, "appears twice")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,1,1,0\n", 1, 5, "must be positive")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,1,1,1,both\n", 1, 6, "is not an aggressor")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,x1,1,1\n", 1, 3, "is not a whole number")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,1,1,1,buy,7\n", 1, 7, "at most 6 expected")]
    public void ReadTrades_BadOrOutOfOrderLine_NamesLineAndColumn(string text, long line, int column, string problem)
    {
        var error = Assert.Throws<QuoteFileException>(() => Trades(text));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
