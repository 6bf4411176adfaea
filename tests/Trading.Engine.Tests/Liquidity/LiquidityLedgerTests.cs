using Trading.Engine.Liquidity;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Liquidity;

public class LiquidityLedgerTests
{
    private static OrderBook Book(DateTimeOffset time) =>
        new("X", time, [new BookLevel(99m, 4m)], [new BookLevel(100m, 2m), new BookLevel(100.5m, 3m)]);

    [Fact]
    public void Take_SecondOrderOnTheSameBook_FindsTheFirstOrdersLiquidityGone()
    {
        var ledger = new LiquidityLedger();

        var first = ledger.Take(Book(TestData.T0), OrderSide.Buy, 3m, lotSize: 1m);
        var second = ledger.Take(Book(TestData.T0), OrderSide.Buy, 3m, lotSize: 1m);

        Assert.Equal([new LevelFill(100m, 2m), new LevelFill(100.5m, 1m)], first.Fills);
        Assert.Equal([new LevelFill(100.5m, 2m)], second.Fills);
        Assert.Equal(1m, second.Remaining);
    }

    [Fact]
    public void Take_BookExhausted_NothingForTheNextOrder()
    {
        var ledger = new LiquidityLedger();
        ledger.Take(Book(TestData.T0), OrderSide.Buy, 5m, 1m);

        var next = ledger.Take(Book(TestData.T0), OrderSide.Buy, 1m, 1m);

        Assert.Equal(0m, next.Filled);
        Assert.Empty(ledger.Available(Book(TestData.T0), OrderSide.Buy));
    }

    [Fact]
    public void Take_NextQuote_RefillsTheBook()
    {
        var ledger = new LiquidityLedger();
        ledger.Take(Book(TestData.T0), OrderSide.Buy, 5m, 1m);

        var next = ledger.Take(Book(TestData.T0.AddSeconds(1)), OrderSide.Buy, 2m, 1m);

        Assert.Equal([new LevelFill(100m, 2m)], next.Fills);
    }

    [Fact]
    public void Take_BuyingTheAsks_LeavesTheBidsWhole()
    {
        var ledger = new LiquidityLedger();
        ledger.Take(Book(TestData.T0), OrderSide.Buy, 5m, 1m);

        Assert.Equal([new BookLevel(99m, 4m)], ledger.Available(Book(TestData.T0), OrderSide.Sell));
    }
}
