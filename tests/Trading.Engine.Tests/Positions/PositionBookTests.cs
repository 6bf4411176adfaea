using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Positions;

public class PositionBookTests
{
    private static readonly DateTimeOffset T1 = TestData.T0.AddMinutes(1);
    private readonly PositionBook _book = new();

    [Fact]
    public void ApplyFill_TwoBuys_AveragesCostAndKeepsFeesSeparate()
    {
        _book.ApplyFill("A", OrderSide.Buy, 10m, 100m, 1m, TestData.T0);
        var result = _book.ApplyFill("A", OrderSide.Buy, 5m, 106m, 0.53m, T1);

        var position = Assert.IsType<Position>(result.Position);
        Assert.Null(result.Trade);
        Assert.Equal(PositionSide.Long, position.Side);
        Assert.Equal(15m, position.Quantity);
        Assert.Equal(1530m, position.CostBasis);
        Assert.Equal(1.53m, position.EntryFees);
        Assert.Equal(102m, position.AverageEntryPrice);
        Assert.Equal(TestData.T0, position.OpenedAt);
        Assert.Equal(-530.53m, result.CashDelta);
    }

    [Fact]
    public void ApplyFill_PartialClose_AllocatesCostAndFeesProportionally()
    {
        _book.ApplyFill("A", OrderSide.Buy, 3m, 100m, 1m, TestData.T0);
        var result = _book.ApplyFill("A", OrderSide.Sell, 1m, 110m, 0.5m, T1);

        var trade = Assert.IsType<ClosedTrade>(result.Trade);
        Assert.Equal(PositionSide.Long, trade.Side);
        Assert.Equal(1m, trade.Quantity);
        Assert.Equal(100m, trade.EntryCost);
        Assert.Equal(110m, trade.ExitNotional);
        Assert.Equal(10m, trade.GrossPnl);
        Assert.Equal(0.3333333333m, trade.EntryFees);
        Assert.Equal(0.5m, trade.ExitFees);
        Assert.Equal(9.1666666667m, trade.NetPnl);
        Assert.Equal(TestData.T0, trade.EntryTime);
        Assert.Equal(T1, trade.ExitTime);

        var remaining = Assert.IsType<Position>(result.Position);
        Assert.Equal(2m, remaining.Quantity);
        Assert.Equal(200m, remaining.CostBasis);
        Assert.Equal(0.6666666667m, remaining.EntryFees);
        Assert.Equal(109.5m, result.CashDelta);
    }

    [Fact]
    public void ApplyFill_FlipThroughZero_ClosesAllAndOpensRemainderWithExactFeeSplit()
    {
        _book.ApplyFill("A", OrderSide.Buy, 10m, 100m, 1m, TestData.T0);
        var result = _book.ApplyFill("A", OrderSide.Sell, 15m, 110m, 1m, T1);

        // notional 1650 splits 1100 (closing 10 of 15) + 550; fee 1 splits 0.6666666667 + 0.3333333333
        var trade = Assert.IsType<ClosedTrade>(result.Trade);
        Assert.Equal(10m, trade.Quantity);
        Assert.Equal(1000m, trade.EntryCost);
        Assert.Equal(1100m, trade.ExitNotional);
        Assert.Equal(100m, trade.GrossPnl);
        Assert.Equal(1m, trade.EntryFees);
        Assert.Equal(0.6666666667m, trade.ExitFees);
        Assert.Equal(98.3333333333m, trade.NetPnl);

        var shortPosition = Assert.IsType<Position>(result.Position);
        Assert.Equal(PositionSide.Short, shortPosition.Side);
        Assert.Equal(5m, shortPosition.Quantity);
        Assert.Equal(550m, shortPosition.CostBasis);
        Assert.Equal(0.3333333333m, shortPosition.EntryFees);
        Assert.Equal(T1, shortPosition.OpenedAt);
        Assert.Equal(-5m, shortPosition.SignedQuantity);
        Assert.Equal(1649m, result.CashDelta);
    }

    [Fact]
    public void ApplyFill_ExactClose_RemovesPosition()
    {
        _book.ApplyFill("A", OrderSide.Sell, 2m, 50m, 0.1m, TestData.T0);
        var result = _book.ApplyFill("A", OrderSide.Buy, 2m, 45m, 0.09m, T1);

        Assert.Null(result.Position);
        Assert.Null(_book.Get("A"));
        Assert.Empty(_book.Positions);
        var trade = Assert.IsType<ClosedTrade>(result.Trade);
        Assert.Equal(PositionSide.Short, trade.Side);
        Assert.Equal(10m, trade.GrossPnl);
        Assert.Equal(9.81m, trade.NetPnl);
    }

    [Fact]
    public void ApplyFill_Ledger_NotionalAndFeeEntries()
    {
        var result = _book.ApplyFill("A", OrderSide.Sell, 2m, 50.005m, 0.1m, TestData.T0);

        Assert.Collection(
            result.Ledger,
            e => { Assert.Equal(LedgerEntryKind.TradeNotional, e.Kind); Assert.Equal(100.01m, e.Amount); },
            e => { Assert.Equal(LedgerEntryKind.Fee, e.Kind); Assert.Equal(-0.1m, e.Amount); });
    }

    [Fact]
    public void Unrealized_LongAndShort_GrossAndNetOfEntryFees()
    {
        var longPosition = new Position("A", PositionSide.Long, 10m, 1000m, 1m, TestData.T0);
        var shortPosition = new Position("B", PositionSide.Short, 2m, 1000m, 1m, TestData.T0);

        Assert.Equal(50m, longPosition.UnrealizedGross(105m));
        Assert.Equal(49m, longPosition.UnrealizedNet(105m));
        Assert.Equal(20m, shortPosition.UnrealizedGross(490m));
        Assert.Equal(19m, shortPosition.UnrealizedNet(490m));
    }

    [Fact]
    public void Position_ZeroQuantity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Position("A", PositionSide.Long, 0m, 0m, 0m, TestData.T0));
    }
}
