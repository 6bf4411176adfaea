using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.MarketData.Simulation;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Liquidity;

public class DepthSimulatorTests
{
    private static readonly PathSettings Path = new("X", 100m, 0m, 0.5m, 0.001m, 10m) { TickSize = 0.01m, LotSize = 0.1m };

    private static readonly Quote Quote = new("X", TestData.T0, 99.95m, 100.05m, 100m, bidSize: 8m, askSize: 12m);

    [Fact]
    public void Next_Quote_TouchAsQuotedThenLevelsSpacedByTicks()
    {
        var market = new DepthSimulator(new DepthSettings(levels: 4, spacingTicks: 2), [Path], seed: 7).Next(Quote);

        Assert.Equal([99.95m, 99.93m, 99.91m, 99.89m], market.Book.Bids.Select(l => l.Price));
        Assert.Equal([100.05m, 100.07m, 100.09m, 100.11m], market.Book.Asks.Select(l => l.Price));
        Assert.Equal(8m, market.Book.Bids[0].Size);
        Assert.Equal(12m, market.Book.Asks[0].Size);
        Assert.Equal(TestData.T0, market.Book.Time);
    }

    [Fact]
    public void Next_DeeperLevels_SizeWithinItsBandAndWholeLots()
    {
        var simulator = new DepthSimulator(new DepthSettings(levels: 5, sizeGrowth: 0.5m), [Path], seed: 7);
        for (var i = 0; i < 200; i++)
        {
            var book = simulator.Next(Quote with { }).Book;
            for (var k = 1; k < book.Asks.Count; k++)
            {
                // 12 × (1 + 0.5k) × [0.5, 1.5), floored to 0.1
                var centre = 12m * (1m + (0.5m * k));
                Assert.InRange(book.Asks[k].Size, (centre * 0.5m) - 0.1m, centre * 1.5m);
                Assert.Equal(0m, book.Asks[k].Size % 0.1m);
            }
        }
    }

    [Fact]
    public void Next_Prints_AtTheTouchOnTheAggressorsSideWithRisingIds()
    {
        var simulator = new DepthSimulator(new DepthSettings(maxPrintsPerQuote: 3), [Path], seed: 7);
        var ids = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var prints = simulator.Next(Quote).Prints;
            Assert.InRange(prints.Count, 0, 3);
            foreach (var (id, print) in prints.Select(p => (p.TradeId, p.Print)))
            {
                Assert.Equal(print.Aggressor == OrderSide.Buy ? 100.05m : 99.95m, print.Price);
                Assert.InRange(print.Size, 0.1m, 6m);
                ids.Add(id);
            }
        }

        Assert.NotEmpty(ids);
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
    }

    [Fact]
    public void Next_SameSeedAndQuotes_SameBooksAndPrints()
    {
        var a = new DepthSimulator(new DepthSettings(), [Path], seed: 7);
        var b = new DepthSimulator(new DepthSettings(), [Path], seed: 7);

        for (var i = 0; i < 20; i++)
        {
            var left = a.Next(Quote);
            var right = b.Next(Quote);
            Assert.Equal(left.Book.Asks, right.Book.Asks);
            Assert.Equal(left.Book.Bids, right.Book.Bids);
            Assert.Equal(left.Prints, right.Prints);
        }
    }

    [Fact]
    public void Next_UnknownSymbol_Refused()
    {
        var simulator = new DepthSimulator(new DepthSettings(), [Path], seed: 7);

        Assert.Throws<ArgumentException>(() => simulator.Next(new Quote("Y", TestData.T0, 1m, 2m, null)));
    }
}
