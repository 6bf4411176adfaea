using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Tests.Feeds;

public class QuoteFileReaderTests
{
    private static List<Trading.Data.MarketData.QuoteRow> Read(string text, QuoteFileFormat format = QuoteFileFormat.Quotes, string? symbol = null) =>
        QuoteFileReader.Read(new StringReader(text), format, symbol).ToList();

    [Fact]
    public void Read_QuotesWithHeaderAndOptionalColumns_ParsesEveryField()
    {
        var rows = Read("time,symbol,bid,ask,last,bid_size,ask_size,volume\n2024-05-01T12:00:00Z,BTC/USDT,64999.5,65000.5,65000,1.25,2.5,10\n1714564801000,ETH/USDT,3199.9,3200.1\n");

        Assert.Equal(2, rows.Count);
        var btc = rows[0];
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), btc.Quote.Time);
        Assert.Equal(64999.5m, btc.Quote.Bid);
        Assert.Equal(65000.5m, btc.Quote.Ask);
        Assert.Equal(65000m, btc.Quote.Last);
        Assert.Equal(1.25m, btc.Quote.BidSize);
        Assert.Equal(2.5m, btc.Quote.AskSize);
        Assert.Equal(10m, btc.Volume);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 1, TimeSpan.Zero), rows[1].Quote.Time);
        Assert.Null(rows[1].Quote.Last);
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,65000,65001\n2024-05-01T12:00:01Z,BTC/USDT,6500x,65001\n", 2, 3, "'6500x' is not a number")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,65000\n", 1, 4, "missing")]
    [InlineData("time,symbol,bid,ask\n2024-13-01T12:00:00Z,BTC/USDT,65000,65001\n", 2, 1, "is not a timestamp")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,65002,65001\n", 1, 3, "bid 65002 is above ask 65001")]
    [InlineData("2024-05-01T12:00:00Z,btc-usdt,65000,65001\n", 1, 2, "is not a symbol")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,-1,65001\n", 1, 3, "must be positive")]
    [InlineData("2024-05-01T12:00:00Z,BTC/USDT,,\n", 1, 3, "a bid and an ask, or a last price")]
    public void Read_MalformedQuotes_NamesLineAndColumn(string text, long line, int column, string problem)
    {
        var error = Assert.Throws<QuoteFileException>(() => Read(text));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column {column} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BinanceKline_BecomesLastPriceQuoteAtCloseTime()
    {
        var rows = Read(
            "1714521600000,60672.00,60780.50,60600.01,60700.99,123.456,1714521659999,7490000.1,1500,60.1,3650000.2,0\n",
            QuoteFileFormat.Kline, "BTC/USDT");

        var row = Assert.Single(rows);
        Assert.Equal("BTC/USDT", row.Quote.Symbol);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714521659999), row.Quote.Time);
        Assert.Equal(60700.99m, row.Quote.Last);
        Assert.Null(row.Quote.Bid);
        Assert.Equal(123.456m, row.Volume);
    }

    [Fact]
    public void Read_KlineInMicroseconds_ReadsTime()
    {
        var rows = Read("1735689600000000,1,2,0.5,1.5,10,1735689659999999\n", QuoteFileFormat.Kline, "SOL/USDT");

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 59, TimeSpan.Zero).AddTicks(9_999_990), rows[0].Quote.Time);
    }

    [Fact]
    public void Read_KlineCloseAboveHigh_NamesCloseColumn()
    {
        var error = Assert.Throws<QuoteFileException>(() => Read("1714521600000,100,110,90,111,5,1714521659999\n", QuoteFileFormat.Kline, "X"));

        Assert.Equal(5, error.Column);
    }
}
