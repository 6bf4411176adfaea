using Trading.Engine.MarketData.Simulation;

namespace Trading.Engine.Tests.MarketData.Simulation;

public class DecimalMathTests
{
    [Fact]
    public void Exp_One_IsE() => Assert.Equal(2.718281828459045235360287m, Math.Round(DecimalMath.Exp(1m), 24));

    [Fact]
    public void Exp_NegativeArgument_IsReciprocal() => Assert.Equal(0.367879441171442321595524m, Math.Round(DecimalMath.Exp(-1m), 24));

    [Fact]
    public void Ln_E_IsOne() => Assert.Equal(1.000000000000000000000m, Math.Round(DecimalMath.Ln(2.718281828459045235360287m), 21));

    [Fact]
    public void Ln_Ten_IsKnownValue() => Assert.Equal(2.302585092994045684017991m, Math.Round(DecimalMath.Ln(10m), 24));

    [Fact]
    public void Sqrt_Two_IsKnownValue() => Assert.Equal(1.414213562373095048801689m, Math.Round(DecimalMath.Sqrt(2m), 24));

    [Fact]
    public void Sqrt_SmallValue_IsKnownValue() => Assert.Equal(0.000178011482m, Math.Round(DecimalMath.Sqrt(1m / 31_557_600m), 12));

    [Fact]
    public void Ln_Zero_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => DecimalMath.Ln(0m));
}
