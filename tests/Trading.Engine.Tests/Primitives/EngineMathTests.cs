using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Primitives;

public class EngineMathTests
{
    [Fact]
    public void RoundMoney_Midpoint_RoundsToEven()
    {
        Assert.Equal(0.0000000002m, EngineMath.RoundMoney(0.00000000025m));
        Assert.Equal(0.0000000004m, EngineMath.RoundMoney(0.00000000035m));
    }

    [Fact]
    public void FloorToLot_Fraction_RoundsDown()
    {
        Assert.Equal(0.01442m, EngineMath.FloorToLot(0.0144230769m, 0.00001m));
        Assert.Equal(0m, EngineMath.FloorToLot(0.000009m, 0.00001m));
    }

    [Theory]
    [InlineData(OrderSide.Buy, "100.020001", "100.03")]
    [InlineData(OrderSide.Sell, "100.029999", "100.02")]
    [InlineData(OrderSide.Buy, "100.02", "100.02")]
    [InlineData(OrderSide.Sell, "0.001", "0.01")]
    public void RoundPriceAgainst_Side_RoundsAgainstTrader(OrderSide side, string price, string expected)
    {
        var result = EngineMath.RoundPriceAgainst(side, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), 0.01m);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    [Fact]
    public void Split_Thirds_PartsSumToWhole()
    {
        var (part, remainder) = EngineMath.Split(1m, 1m, 3m);

        Assert.Equal(0.3333333333m, part);
        Assert.Equal(0.6666666667m, remainder);
        Assert.Equal(1m, part + remainder);
    }

    [Fact]
    public void Split_PartAboveWhole_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineMath.Split(1m, 4m, 3m));
    }
}
