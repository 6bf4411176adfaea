namespace Trading.Engine.MarketData.Simulation;

/// <summary>
/// Volatility regimes: the path's volatility is multiplied by one of <see cref="Multipliers"/>, and switches to another
/// one at random with a mean stay of <see cref="MeanDuration"/> (a Markov chain sampled at every step).
/// </summary>
public sealed record RegimeSettings
{
    public RegimeSettings(IReadOnlyList<decimal> multipliers, TimeSpan meanDuration)
    {
        ArgumentNullException.ThrowIfNull(multipliers);
        if (multipliers.Count < 2 || multipliers.Any(m => m <= 0m))
        {
            throw new ArgumentException("Regimes need at least two positive volatility multipliers.", nameof(multipliers));
        }

        if (meanDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(meanDuration), meanDuration, "The mean regime duration must be positive.");
        }

        Multipliers = multipliers.ToArray();
        MeanDuration = meanDuration;
    }

    public IReadOnlyList<decimal> Multipliers { get; }

    public TimeSpan MeanDuration { get; }

    /// <summary>Calm most of the time, stressed (3× volatility) now and then, each lasting an hour on average.</summary>
    public static RegimeSettings CalmAndStressed { get; } = new([1m, 3m], TimeSpan.FromHours(1));
}
