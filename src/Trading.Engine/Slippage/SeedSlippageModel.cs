using System.Globalization;
using Trading.Engine.Primitives;

namespace Trading.Engine.Slippage;

/// <summary>
/// The seed system's model, kept for comparability:
/// fraction = base × type (Market 2, Limit 0.5, others 2) × size (notional &gt; 10,000: 1.5;
/// &gt; 5,000: 1.2; else 1) × noise, noise uniform in [0.5, 1.5) from the decision's generator.
/// </summary>
public sealed class SeedSlippageModel : ISlippageModel
{
    private readonly decimal _baseFraction;

    public SeedSlippageModel(decimal baseFraction)
    {
        if (baseFraction is < 0m or >= 0.1m)
        {
            throw new ArgumentOutOfRangeException(nameof(baseFraction), baseFraction, "The base slippage fraction must lie in [0, 0.1).");
        }

        _baseFraction = baseFraction;
    }

    public string Name => "seed";

    public string Parameters => string.Create(CultureInfo.InvariantCulture, $"{{\"base\":{_baseFraction}}}");

    public static decimal TypeMultiplier(OrderType type) => type == OrderType.Limit ? 0.5m : 2m;

    public static decimal SizeMultiplier(decimal notional) => Math.Abs(notional) switch
    {
        > 10_000m => 1.5m,
        > 5_000m => 1.2m,
        _ => 1m,
    };

    public decimal SlippageFraction(SlippageContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var noise = ctx.Random.NextDecimal(0.5m, 1.5m);
        return _baseFraction * TypeMultiplier(ctx.OrderType) * SizeMultiplier(ctx.Notional) * noise;
    }
}
