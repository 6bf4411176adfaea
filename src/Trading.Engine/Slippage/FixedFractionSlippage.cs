using System.Globalization;

namespace Trading.Engine.Slippage;

/// <summary>The same fraction for every order: predictable, and easy to check by hand.</summary>
public sealed class FixedFractionSlippage : ISlippageModel
{
    private readonly decimal _fraction;

    public FixedFractionSlippage(decimal fraction)
    {
        if (fraction is < 0m or >= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The slippage fraction must lie in [0, 1).");
        }

        _fraction = fraction;
    }

    public string Name => "fixed";

    public string Parameters => string.Create(CultureInfo.InvariantCulture, $"{{\"fraction\":{_fraction}}}");

    public decimal SlippageFraction(SlippageContext ctx) => _fraction;
}
