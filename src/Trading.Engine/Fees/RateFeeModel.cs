using System.Globalization;

namespace Trading.Engine.Fees;

/// <summary>fee = max(|notional| × rate, minimum), rounded to money scale.</summary>
public sealed class RateFeeModel : IFeeModel
{
    private readonly decimal _rate;
    private readonly decimal _minimum;

    public RateFeeModel(decimal rate, decimal minimum)
    {
        FeeGuards.EnsureRate(rate, nameof(rate));
        FeeGuards.EnsureMinimum(minimum, nameof(minimum));
        _rate = rate;
        _minimum = minimum;
    }

    public string Name => "rate";

    public string Parameters =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"rate\":{_rate},\"minimum\":{_minimum}}}");

    public decimal Fee(FeeContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return FeeGuards.Charge(ctx.Notional, _rate, _minimum);
    }
}
