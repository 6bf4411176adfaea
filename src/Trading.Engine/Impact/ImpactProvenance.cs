using System.Globalization;

namespace Trading.Engine.Impact;

/// <summary>Everything one impact figure was computed from, stored with the fill so that it can be recomputed by hand.</summary>
public sealed record ImpactProvenance(decimal Coefficient, ImpactEstimate Estimate, decimal Quantity, decimal Fraction)
{
    /// <summary>Short JSON for the fill's provenance column (numbers invariant, times ISO 8601).</summary>
    public string ToJson() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"model\":\"sqrt_impact\",\"y\":{Coefficient},\"sigma\":{Estimate.Sigma},\"v\":{Estimate.Volume},\"q\":{Quantity},\"fraction\":{Fraction},\"samples\":{Estimate.Samples},\"from\":\"{Estimate.From:O}\",\"to\":\"{Estimate.To:O}\"}}");
}
