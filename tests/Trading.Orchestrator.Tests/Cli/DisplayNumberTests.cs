using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Tests.Cli;

public sealed class DisplayNumberTests
{
    [Theory]
    [InlineData("1.5946783743", "USDT", "1.59")]
    [InlineData("1.595", "USDT", "1.60")]
    [InlineData("21000.0000000000", "USDT", "21,000.00")]
    [InlineData("-0.004", "USDT", "0.00")]
    [InlineData("1234.5", "JPY", "1,235")]
    public void Money_RoundsToTheCurrencysCents(string value, string currency, string expected) =>
        Assert.Equal(expected, DisplayNumber.Money(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData("65000.0149", "0.01", "65,000.01")]
    [InlineData("1.00004", "0.0001", "1.0000")]
    [InlineData("150.25", "0.5", "150.3")]
    [InlineData("150.25", null, "150.25")]
    public void Price_RoundsToTheTick(string value, string? tick, string expected) =>
        Assert.Equal(expected, DisplayNumber.Price(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            tick is null ? null : decimal.Parse(tick, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void SignedMoney_GainHasAPlus() => Assert.Equal(("+3.10", "-3.10", "0.00"), (DisplayNumber.SignedMoney(3.1m), DisplayNumber.SignedMoney(-3.1m), DisplayNumber.SignedMoney(0m)));
}
