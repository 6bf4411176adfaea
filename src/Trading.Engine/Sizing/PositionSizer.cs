using Trading.Engine.Primitives;

namespace Trading.Engine.Sizing;

/// <summary>
/// Order quantities, always floored to the lot. The confidence/risk formula is the seed's:
/// notional = fraction × equity × min(confidence / 0.8, 1.25) × (1 − 0.5 × risk).
/// </summary>
public static class PositionSizer
{
    private const decimal FullConfidence = 0.8m;
    private const decimal MaxConfidenceMultiplier = 1.25m;
    private const decimal RiskWeight = 0.5m;

    public static decimal Quantity(
        decimal equity,
        decimal maxPositionFraction,
        decimal confidence,
        decimal? riskScore,
        decimal price,
        decimal lotSize)
    {
        if (maxPositionFraction is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPositionFraction), maxPositionFraction, "The position fraction must lie in (0, 1].");
        }

        if (confidence is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must lie in [0, 1].");
        }

        if (riskScore is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(riskScore), riskScore, "A risk score must lie in [0, 1].");
        }

        if (equity <= 0m)
        {
            return 0m;
        }

        return FromNotional(TargetNotional(equity, maxPositionFraction, confidence, riskScore), price, lotSize);
    }

    public static decimal TargetNotional(decimal equity, decimal maxPositionFraction, decimal confidence, decimal? riskScore)
    {
        var confidenceMultiplier = Math.Min(confidence / FullConfidence, MaxConfidenceMultiplier);
        var riskMultiplier = 1m - (RiskWeight * (riskScore ?? 0m));
        return maxPositionFraction * equity * confidenceMultiplier * riskMultiplier;
    }

    public static decimal FromNotional(decimal notional, decimal price, decimal lotSize)
    {
        if (price <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "A price must be greater than zero.");
        }

        return EngineMath.FloorToLot(notional / price, lotSize);
    }

    public static decimal FromQuantity(decimal quantity, decimal lotSize) => EngineMath.FloorToLot(quantity, lotSize);
}
