using Trading.Engine.Fees;
using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Fees;

public class FeeModelTests
{
    [Theory]
    [InlineData(500, "1")]
    [InlineData(1000.30, "1.0003")]
    [InlineData(-1099.70, "1.0997")]
    [InlineData(1234.56789012345, "1.2345678901")]
    public void Fee_RateWithMinimum_MaxOfRateAndMinimumRounded(decimal notional, string expected)
    {
        var model = new RateFeeModel(0.001m, 1m);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), model.Fee(new FeeContext(notional, LiquidityRole.Taker)));
    }

    [Fact]
    public void Fee_MakerTaker_RateByRole()
    {
        var model = new MakerTakerFeeModel(0.0002m, 0.0004m, 0m);

        Assert.Equal(2.4691357802m, model.Fee(new FeeContext(12345.678901m, LiquidityRole.Maker)));
        Assert.Equal(4.9382715604m, model.Fee(new FeeContext(12345.678901m, LiquidityRole.Taker)));
    }

    [Fact]
    public void Constructor_NegativeRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateFeeModel(-0.001m, 0m));
    }

    [Fact]
    public void Parameters_Rate_IsJsonText()
    {
        Assert.Equal("{\"rate\":0.001,\"minimum\":1}", new RateFeeModel(0.001m, 1m).Parameters);
    }
}
