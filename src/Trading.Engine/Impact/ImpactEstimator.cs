using Trading.Engine.MarketData.Simulation;

namespace Trading.Engine.Impact;

/// <summary>
/// σ and V for the square-root law from a series of stored quotes or bars, oldest first, one interval apart:
/// - σ: the sample standard deviation (n − 1) of the simple returns p_i / p_(i−1) − 1 between consecutive observations;
/// - V: the mean of the observations' volumes, over those that carry one.
/// Both are computed in decimal (DecimalMath.Sqrt) and rounded half-to-even to <see cref="Scale"/> places, so the same
/// series gives the same digits on every machine. Simple rather than log returns: over one interval they differ by less
/// than the estimate's own noise, and they need no logarithm.
/// </summary>
public static class ImpactEstimator
{
    public const int Scale = 12;

    /// <summary>The fewest observations that give a σ (two returns).</summary>
    public const int MinimumObservations = 3;

    /// <summary>The estimate, or null with the reason when the series cannot give one (too short, or no volume).</summary>
    public static ImpactEstimate? Estimate(string symbol, IReadOnlyList<MarketObservation> series, out string? reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < MinimumObservations)
        {
            reason = $"{symbol}: {series.Count} observations, the impact model needs at least {MinimumObservations}";
            return null;
        }

        for (var i = 1; i < series.Count; i++)
        {
            if (series[i].Time <= series[i - 1].Time)
            {
                throw new ArgumentException($"{symbol}: observations must be oldest first with distinct times (index {i}).", nameof(series));
            }
        }

        var volume = MeanVolume(series);
        if (volume is not > 0m)
        {
            reason = $"{symbol}: no traded volume in the {series.Count} observations, so V is unknown";
            return null;
        }

        reason = null;
        return new ImpactEstimate(symbol, Sigma(series), volume.Value, series.Count, series[0].Time, series[^1].Time);
    }

    /// <summary>The sample standard deviation of consecutive simple returns.</summary>
    public static decimal Sigma(IReadOnlyList<MarketObservation> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < MinimumObservations)
        {
            throw new ArgumentException($"σ needs at least {MinimumObservations} observations.", nameof(series));
        }

        var returns = new decimal[series.Count - 1];
        for (var i = 1; i < series.Count; i++)
        {
            returns[i - 1] = (series[i].Price / series[i - 1].Price) - 1m;
        }

        var mean = returns.Sum() / returns.Length;
        var squares = returns.Sum(r => (r - mean) * (r - mean));
        return Round(DecimalMath.Sqrt(squares / (returns.Length - 1)));
    }

    /// <summary>The mean volume over the observations that carry one; null when none does.</summary>
    public static decimal? MeanVolume(IReadOnlyList<MarketObservation> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var volumes = series.Where(o => o.Volume is not null).Select(o => o.Volume!.Value).ToArray();
        return volumes.Length == 0 ? null : Round(volumes.Sum() / volumes.Length);
    }

    // Dividing by a one of maximal scale drops trailing zeros, so 0.002 prints as 0.002 in provenance, not 0.002000000000.
    internal static decimal Round(decimal value) =>
        Math.Round(value, Scale, MidpointRounding.ToEven) / 1.000000000000000000000000000000000m;
}
