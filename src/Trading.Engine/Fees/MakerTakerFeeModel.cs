using System.Globalization;
using Trading.Engine.Primitives;

namespace Trading.Engine.Fees;

/// <summary>fee = max(|notional| × (maker or taker rate), minimum), rounded to money scale.</summary>
public sealed class MakerTakerFeeModel : IFeeModel
{
    private readonly decimal _makerRate;
    private readonly decimal _takerRate;
    private readonly decimal _minimum;

    public MakerTakerFeeModel(decimal makerRate, decimal takerRate, decimal minimum)
    {
        FeeGuards.EnsureRate(makerRate, nameof(makerRate));
        FeeGuards.EnsureRate(takerRate, nameof(takerRate));
        FeeGuards.EnsureMinimum(minimum, nameof(minimum));
        _makerRate = makerRate;
        _takerRate = takerRate;
        _minimum = minimum;
    }

    public string Name => "maker_taker";

    public string Parameters => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"maker\":{_makerRate},\"taker\":{_takerRate},\"minimum\":{_minimum}}}");

    public decimal Fee(FeeContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var rate = ctx.Role == LiquidityRole.Maker ? _makerRate : _takerRate;
        return FeeGuards.Charge(ctx.Notional, rate, _minimum);
    }
}
