using Trading.Engine.Primitives;
using Trading.Engine.Randomness;
using Trading.Engine.Slippage;

namespace Trading.Engine.Tests.Slippage;

public class SeedSlippageModelTests
{
    [Theory]
    [InlineData(OrderType.Market, "2")]
    [InlineData(OrderType.Limit, "0.5")]
    [InlineData(OrderType.Stop, "2")]
    [InlineData(OrderType.StopLimit, "2")]
    [InlineData(OrderType.TrailingStop, "2")]
    public void TypeMultiplier_OrderType_MatchesSeed(OrderType type, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SeedSlippageModel.TypeMultiplier(type));
    }

    [Theory]
    [InlineData(5_000, "1")]
    [InlineData(5_000.01, "1.2")]
    [InlineData(10_000, "1.2")]
    [InlineData(10_000.01, "1.5")]
    public void SizeMultiplier_NotionalTier_MatchesSeed(decimal notional, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SeedSlippageModel.SizeMultiplier(notional));
    }

    [Fact]
    public void SlippageFraction_PinnedRandom_IsBaseTimesMultipliersTimesNoise()
    {
        var model = new SeedSlippageModel(0.0005m);
        var random = DeterministicRandom.For(42, 7);

        var fraction = model.SlippageFraction(Context(OrderType.Market, 20_000m, random));

        // noise = 0.5 + first draw of For(42, 7) = 1.1243302709674521944194225398
        Assert.Equal(0.0005m * 2m * 1.5m * 1.1243302709674521944194225398m, fraction);
    }

    [Theory]
    [InlineData(OrderType.Market, 1_000, "0.001")]
    [InlineData(OrderType.Limit, 6_000, "0.0003")]
    [InlineData(OrderType.Market, 12_000, "0.0015")]
    public void SlippageFraction_ManySeeds_NoiseWithinHalfToOneAndAHalf(OrderType type, decimal notional, string expectedCentre)
    {
        var centre = decimal.Parse(expectedCentre, System.Globalization.CultureInfo.InvariantCulture);
        var model = new SeedSlippageModel(0.0005m);
        for (var id = 0; id < 2_000; id++)
        {
            var fraction = model.SlippageFraction(Context(type, notional, DeterministicRandom.For(1, id)));
            Assert.InRange(fraction, centre * 0.5m, centre * 1.5m);
            Assert.True(fraction < centre * 1.5m);
        }
    }

    [Fact]
    public void Parameters_Base_IsJsonText()
    {
        Assert.Equal("{\"base\":0.0005}", new SeedSlippageModel(0.0005m).Parameters);
        Assert.Equal("seed", new SeedSlippageModel(0.0005m).Name);
    }

    [Fact]
    public void FixedAndNone_Fraction_AsConfigured()
    {
        var ctx = Context(OrderType.Market, 100m, new DeterministicRandom(1UL));

        Assert.Equal(0.0001m, new FixedFractionSlippage(0.0001m).SlippageFraction(ctx));
        Assert.Equal(0m, new NoSlippage().SlippageFraction(ctx));
    }

    private static SlippageContext Context(OrderType type, decimal notional, DeterministicRandom random) =>
        new(OrderSide.Buy, type, 100m, notional / 100m, notional, TestData.Quote("X", 99.99m, 100.01m), random);
}
