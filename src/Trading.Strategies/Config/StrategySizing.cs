namespace Trading.Strategies.Config;

/// <summary>
/// How big an entry is, as the config's <c>sizing</c> says: <see cref="Confidence"/> (default 0.8) and
/// <see cref="RiskScore"/> go on every decision for the orchestrator's sizer; a fixed <see cref="Quantity"/> or
/// <see cref="Notional"/> (at most one of them) overrides the sizer's amount.
/// </summary>
public sealed record StrategySizing(decimal Confidence, decimal? RiskScore, decimal? Quantity, decimal? Notional)
{
    public const decimal DefaultConfidence = 0.8m;

    /// <summary>What a config without <c>sizing</c> gets: confidence 0.8, no risk score, the sizer decides the amount.</summary>
    public static readonly StrategySizing Default = new(DefaultConfidence, null, null, null);
}
