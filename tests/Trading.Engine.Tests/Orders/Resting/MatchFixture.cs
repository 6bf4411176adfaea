using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;

namespace Trading.Engine.Tests.Orders.Resting;

/// <summary>Hand-checkable: 0.01% fixed slippage on taker fills, fee 0.1% (no minimum), tick 0.01, lot 0.001.</summary>
internal static class MatchFixture
{
    public const string Symbol = "BTCUSDT";

    public static MatchContext Ctx(decimal fillProbability = 1m, DateTimeOffset? now = null, decimal slippage = 0.0001m) => new(
        TestData.Spec(Symbol),
        new MarketFillModel(),
        new FixedFractionSlippage(slippage),
        new RateFeeModel(0.001m, 0m),
        42,
        0.0002m,
        fillProbability,
        now ?? TestData.T0);

    public static Quote Q(decimal bid, decimal ask, int minute = 0, decimal? bidSize = null, decimal? askSize = null) =>
        new(Symbol, TestData.T0.AddMinutes(minute), bid, ask, null, bidSize, askSize);

    public static RestingOrder Order(
        long id,
        OrderSide side,
        OrderType type,
        decimal quantity = 1m,
        decimal? limit = null,
        decimal? stop = null,
        TimeInForce tif = TimeInForce.Gtc,
        long? oco = null,
        decimal? trailing = null,
        bool trailingPercent = false,
        DateTimeOffset? expiresAt = null,
        OrderStatus status = OrderStatus.Open) => new()
        {
            Id = id,
            AccountId = "paper-1",
            Symbol = Symbol,
            Side = side,
            Type = type,
            TimeInForce = tif,
            Quantity = quantity,
            LimitPrice = limit,
            StopPrice = stop,
            TrailingOffset = trailing,
            TrailingIsPercent = trailingPercent,
            ExpiresAt = expiresAt,
            PlacedAt = TestData.T0,
            OcoGroup = oco,
            Status = status,
        };
}
