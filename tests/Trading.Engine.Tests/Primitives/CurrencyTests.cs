using Trading.Engine.Primitives;

namespace Trading.Engine.Tests.Primitives;

public class CurrencyTests
{
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
}
