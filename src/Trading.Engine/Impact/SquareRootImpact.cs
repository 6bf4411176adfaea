using System.Globalization;
using Trading.Engine.MarketData.Simulation;
using Trading.Engine.Slippage;

namespace Trading.Engine.Impact;

/// <summary>
/// Market impact by the square-root law: the price moves against the trader by the fraction Y · σ · √(Q / V), Q the
/// order's quantity, σ and V the symbol's <see cref="ImpactEstimate"/> (per the same interval), Y the coefficient
/// (around 1 in the literature; 0.5–1 on liquid markets). The fraction is rounded half-to-even to 12 places, then
/// MarketFillModel applies and rounds the price to the tick against the trader. An order of a symbol without an
/// estimate is refused with the reason: a zero impact would be a silent default.
/// </summary>
public sealed class SquareRootImpact : ISlippageModel
{
    private readonly IReadOnlyDictionary<string, ImpactEstimate> estimates;
    private readonly IReadOnlyDictionary<string, string> missing;

    /// <param name="coefficient">Y.</param>
    /// <param name="estimates">σ and V per symbol.</param>
    /// <param name="missing">Why a symbol has no estimate (the estimator's reason), for the refusal.</param>
    public SquareRootImpact(
        decimal coefficient, IReadOnlyDictionary<string, ImpactEstimate> estimates, IReadOnlyDictionary<string, string>? missing = null)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        if (coefficient is <= 0m or > 10m)
        {
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, "The impact coefficient Y must lie in (0, 10].");
        }

        Coefficient = coefficient;
        this.estimates = estimates;
        this.missing = missing ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    public string Name => "sqrt_impact";

    public decimal Coefficient { get; }

    public string Parameters => string.Create(CultureInfo.InvariantCulture, $"{{\"y\":{Coefficient}}}");

    /// <summary>The same Y over other estimates (a new batch's, or a backtest's at a later time).</summary>
    public SquareRootImpact With(IReadOnlyDictionary<string, ImpactEstimate> estimates, IReadOnlyDictionary<string, string>? missing = null) =>
        new(Coefficient, estimates, missing);

    /// <summary>Why an order of <paramref name="symbol"/> cannot be priced (no estimate), or null when it can.</summary>
    public string? Refusal(string symbol) => estimates.ContainsKey(symbol)
        ? null
        : $"sqrt_impact cannot price {symbol}: " + (missing.GetValueOrDefault(symbol)
            ?? $"no σ/V estimate (it needs at least {ImpactEstimator.MinimumObservations} stored one-minute bars with volume before the fill)");

    /// <summary>Y · σ · √(Q / V), rounded half-to-even to 12 places.</summary>
    public static decimal Fraction(decimal coefficient, decimal sigma, decimal quantity, decimal volume)
    {
        if (quantity < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "The quantity must not be negative.");
        }

        if (volume <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "V must be greater than zero.");
        }

        return ImpactEstimator.Round(coefficient * sigma * DecimalMath.Sqrt(quantity / volume));
    }

    /// <summary>The fraction for an order and the provenance to store with its fill.</summary>
    public ImpactProvenance Price(string symbol, decimal quantity)
    {
        if (!estimates.TryGetValue(symbol, out var estimate))
        {
            throw new InvalidOperationException(Refusal(symbol));
        }

        return new ImpactProvenance(Coefficient, estimate, quantity, Fraction(Coefficient, estimate.Sigma, quantity, estimate.Volume));
    }

    public decimal SlippageFraction(SlippageContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return Price(ctx.Quote.Symbol, ctx.Quantity).Fraction;
    }
}
