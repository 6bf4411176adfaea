namespace Trading.Engine.Impact;

/// <summary>
/// σ and V of one symbol as <see cref="ImpactEstimator"/> measured them over [From, To]: σ the standard deviation of the
/// interval returns (a fraction), V the mean volume per interval (base units), both per the same interval.
/// </summary>
public sealed record ImpactEstimate
{
    public ImpactEstimate(string symbol, decimal sigma, decimal volume, int samples, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (sigma < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must not be negative.");
        }

        if (volume <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "V must be greater than zero: impact divides by it.");
        }

        if (samples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "An estimate rests on at least one sample.");
        }

        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The window ends before it starts ({from:O}).");
        }

        Symbol = symbol;
        Sigma = sigma;
        Volume = volume;
        Samples = samples;
        From = from;
        To = to;
    }

    public string Symbol { get; }

    public decimal Sigma { get; }

    public decimal Volume { get; }

    /// <summary>How many observations the estimate rests on.</summary>
    public int Samples { get; }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }
}
