using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Randomness;
using Trading.Engine.Slippage;

namespace Trading.Engine.Tests.Fills;

public class MarketFillModelTests
{
    private readonly MarketFillModel _model = new();

    [Fact]
    public void Price_BuyWithSlippage_AskTimesOnePlusFractionRoundedUp()
    {
        var fill = _model.Price(Context(OrderSide.Buy, TestData.Quote("X", 99.99m, 100.01m), new FixedFractionSlippage(0.0001m)));

        // 100.01 × 1.0001 = 100.020001 → up to the tick
        Assert.NotNull(fill);
        Assert.Equal(100.01m, fill.ReferencePrice);
        Assert.Equal(100.03m, fill.Price);
        Assert.Equal(0.0001m, fill.SlippageFraction);
        Assert.Equal(0.02m, fill.SlippagePerUnit);
    }

    [Fact]
    public void Price_SellWithSlippage_BidTimesOneMinusFractionRoundedDown()
    {
        var fill = _model.Price(Context(OrderSide.Sell, TestData.Quote("X", 99.99m, 100.01m), new FixedFractionSlippage(0.0001m)));

        // 99.99 × 0.9999 = 99.980001 → down to the tick
        Assert.NotNull(fill);
        Assert.Equal(99.99m, fill.ReferencePrice);
        Assert.Equal(99.98m, fill.Price);
        Assert.Equal(0.01m, fill.SlippagePerUnit);
    }

    [Theory]
    [InlineData(OrderSide.Buy, "100.01")]
    [InlineData(OrderSide.Sell, "99.99")]
    public void Price_LastOnly_LastPlusOrMinusHalfSpread(OrderSide side, string expected)
    {
        var quote = new Quote("X", TestData.T0, null, null, 100m);

        var fill = _model.Price(Context(side, quote, new NoSlippage()));

        var price = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotNull(fill);
        Assert.Equal(price, fill.ReferencePrice);
        Assert.Equal(price, fill.Price);
        Assert.Equal(0m, fill.SlippagePerUnit);
    }

    private static FillContext Context(OrderSide side, Quote quote, ISlippageModel slippage) =>
        new(side, OrderType.Market, 10m, quote, TestData.Spec("X"), 0.0002m, slippage, new DeterministicRandom(1UL));
}
