using Trading.Engine.Fills;
using Trading.Engine.Impact;
using Trading.Engine.Primitives;
using Trading.Engine.Randomness;

namespace Trading.Engine.Tests.Impact;

public class SquareRootImpactTests
{
    private static readonly ImpactEstimate Estimate = new("X", sigma: 0.02m, volume: 10_000m, samples: 60, TestData.T0, TestData.T0.AddHours(1));

    [Theory]
    [InlineData("1", "100", "0.002")] // 1 × 0.02 × √(100 / 10,000) = 0.02 × 0.1
    [InlineData("0.5", "400", "0.002")] // 0.5 × 0.02 × √0.04 = 0.01 × 0.2
    [InlineData("1", "10000", "0.02")] // a whole interval's volume moves the price by one σ
    [InlineData("1", "0", "0")]
    public void Fraction_GivenSigmaAndVolume_IsYSigmaRootQOverV(string y, string q, string expected)
    {
        var fraction = SquareRootImpact.Fraction(Dec(y), 0.02m, Dec(q), 10_000m);

        Assert.Equal(Dec(expected), fraction);
    }

    [Fact]
    public void Fraction_IrrationalRoot_RoundedToTwelvePlaces()
    {
        // 1 × 0.02 × √(200 / 10,000) = 0.02 × 0.1414213562373… = 0.002828427124746… → 0.002828427125
        Assert.Equal(0.002828427125m, SquareRootImpact.Fraction(1m, 0.02m, 200m, 10_000m));
    }

    [Fact]
    public void Price_KnownSymbol_ProvenanceCarriesEveryParameter()
    {
        var model = new SquareRootImpact(1m, new Dictionary<string, ImpactEstimate> { ["X"] = Estimate });

        var provenance = model.Price("X", 100m);

        Assert.Equal(0.002m, provenance.Fraction);
        Assert.Equal(
            "{\"model\":\"sqrt_impact\",\"y\":1,\"sigma\":0.02,\"v\":10000,\"q\":100,\"fraction\":0.002,\"samples\":60,"
            + "\"from\":\"2025-01-02T12:00:00.0000000+00:00\",\"to\":\"2025-01-02T13:00:00.0000000+00:00\"}",
            provenance.ToJson());
    }

    [Fact]
    public void Price_UnknownSymbol_RefusedWithTheReason()
    {
        var model = new SquareRootImpact(1m, new Dictionary<string, ImpactEstimate>());

        var error = Assert.Throws<InvalidOperationException>(() => model.Price("Y", 1m));

        Assert.Contains("sqrt_impact cannot price Y: no σ/V estimate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarketFill_BuyWithImpact_AskMovedUpByTheFraction()
    {
        var model = new SquareRootImpact(1m, new Dictionary<string, ImpactEstimate> { ["X"] = Estimate });
        var context = new FillContext(
            OrderSide.Buy, OrderType.Market, 100m, TestData.Quote("X", 99.99m, 100m), TestData.Spec("X"), 0m, model, DeterministicRandom.For(1, 1));

        var fill = new MarketFillModel().Price(context);

        // 100 × (1 + 0.002) = 100.2
        Assert.NotNull(fill);
        Assert.Equal(100.2m, fill.Price);
        Assert.Equal(0.002m, fill.SlippageFraction);
    }

    [Fact]
    public void Constructor_ZeroCoefficient_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SquareRootImpact(0m, new Dictionary<string, ImpactEstimate>()));
    }

    private static decimal Dec(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
