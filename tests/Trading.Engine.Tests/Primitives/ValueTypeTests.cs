using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Primitives;

public class ValueTypeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Price_NotPositive_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Price(value));
    }

    [Fact]
    public void Quantity_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quantity(-0.001m));
    }

    [Fact]
    public void Quantity_ScaleAbove12_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Quantity(0.0000000000001m));
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("USDT")]
    [InlineData("ABCDE")]
    public void Currency_ValidCode_Accepted(string code)
    {
        Assert.Equal(code, new Currency(code).Code);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("usdt")]
    [InlineData("ABCDEF")]
    [InlineData("US1")]
    public void Currency_InvalidCode_Throws(string code)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Currency(code));
    }

    [Fact]
    public void Money_AddSameCurrency_Sums()
    {
        var usdt = new Currency("USDT");

        var sum = new Money(1.25m, usdt) + new Money(2.50m, usdt);

        Assert.Equal(3.75m, sum.Amount);
        Assert.Equal(usdt, sum.Currency);
    }

    [Fact]
    public void Money_AddDifferentCurrency_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Money(1m, new Currency("USD")) - new Money(1m, new Currency("EUR")));
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
    }
}
