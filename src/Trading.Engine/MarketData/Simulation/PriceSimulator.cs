using Trading.Engine.Randomness;

namespace Trading.Engine.MarketData.Simulation;

/// <summary>
/// Generates quotes for several symbols along geometric Brownian motion paths. Fully determined by the seed and the
/// sequence of step times: each symbol draws from its own generator (derived from the seed and the symbol's name), so
/// adding a symbol does not change the others' paths. Not thread-safe.
/// </summary>
public sealed class PriceSimulator
{
    // Seconds in a 365.25-day year: volatility and drift are annualised.
    private const decimal SecondsPerYear = 31_557_600m;
    private const decimal SecondsPerDay = 86_400m;

    private readonly SymbolPath[] paths;
    private DateTimeOffset? previous;

    public PriceSimulator(IReadOnlyList<PathSettings> settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Count == 0)
        {
            throw new ArgumentException("At least one symbol is needed.", nameof(settings));
        }

        if (settings.Select(s => s.Symbol).Distinct(StringComparer.Ordinal).Count() != settings.Count)
        {
            throw new ArgumentException("Each symbol may appear once.", nameof(settings));
        }

        Seed = seed;
        paths = settings.Select(s => new SymbolPath(s, new DeterministicRandom(SymbolSeed(seed, s.Symbol)))).ToArray();
    }

    public ulong Seed { get; }

    public int SymbolCount => paths.Length;

    /// <summary>
    /// One quote per symbol at <paramref name="time"/>. The first call quotes the start prices; each later call moves
    /// every path over the time elapsed since the previous call, which must be positive.
    /// </summary>
    public IReadOnlyList<Quote> Step(DateTimeOffset time)
    {
        var quotes = new Quote[paths.Length];
        Step(time, quotes);
        return quotes;
    }

    /// <summary>As <see cref="Step(DateTimeOffset)"/>, writing into a caller's buffer of <see cref="SymbolCount"/>.</summary>
    public void Step(DateTimeOffset time, Span<Quote> destination)
    {
        if (destination.Length < paths.Length)
        {
            throw new ArgumentException($"The buffer needs room for {paths.Length} quotes.", nameof(destination));
        }

        decimal seconds = 0m;
        if (previous is { } last)
        {
            if (time <= last)
            {
                throw new ArgumentOutOfRangeException(nameof(time), time, $"Steps must move forward in time (previous {last:O}).");
            }

            seconds = (decimal)(time - last).Ticks / TimeSpan.TicksPerSecond;
        }

        previous = time;
        for (var i = 0; i < paths.Length; i++)
        {
            if (seconds > 0m)
            {
                paths[i].Advance(seconds);
            }

            destination[i] = paths[i].Quote(time);
        }
    }

    internal static ulong SymbolSeed(ulong seed, string symbol)
    {
        // FNV-1a: a stable hash (string.GetHashCode differs between processes).
        var hash = 14695981039346656037UL;
        foreach (var c in symbol)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return new DeterministicRandom(seed ^ hash).NextUInt64();
    }

    private sealed class SymbolPath(PathSettings settings, DeterministicRandom random)
    {
        private decimal mid = settings.StartPrice;
        private int regime;
        private decimal? spareNormal;
        private decimal cachedSeconds = -1m;
        private decimal cachedSqrtYears;

        public void Advance(decimal seconds)
        {
            var years = seconds / SecondsPerYear;
            var multiplier = 1m;
            if (settings.Regimes is { } regimes)
            {
                var switchProbability = Math.Min(1m, seconds * TimeSpan.TicksPerSecond / regimes.MeanDuration.Ticks);
                if (random.NextDecimal() < switchProbability)
                {
                    // Move to one of the other regimes, uniformly.
                    var others = regimes.Multipliers.Count - 1;
                    regime = (regime + 1 + (int)(random.NextDecimal() * others)) % regimes.Multipliers.Count;
                }

                multiplier = regimes.Multipliers[regime];
            }

            // Steps are usually evenly spaced: the square root is computed once per distinct step length.
            if (seconds != cachedSeconds)
            {
                cachedSeconds = seconds;
                cachedSqrtYears = DecimalMath.Sqrt(years);
            }

            var sigma = settings.Volatility * multiplier;
            var logReturn = ((settings.Drift - (sigma * sigma / 2m)) * years) + (sigma * cachedSqrtYears * NextNormal());
            if (settings.Jumps is { } jumps && random.NextDecimal() < Math.Min(1m, jumps.PerDay * seconds / SecondsPerDay))
            {
                // One jump at most per step: for steps much shorter than a day the Poisson count is 0 or 1.
                logReturn += jumps.MeanLogSize + (jumps.LogSizeVolatility * NextNormal());
            }

            // Keep ten places: the decimal scale stays bounded and the tick is far coarser anyway.
            var next = Math.Round(mid * DecimalMath.Exp(Math.Clamp(logReturn, -10m, 10m)), 10);
            mid = Math.Max(next, settings.TickSize);
        }

        public Quote Quote(DateTimeOffset time)
        {
            var tick = settings.TickSize;
            var half = settings.Spread / 2m;
            var bid = Math.Max(tick, Math.Floor(mid * (1m - half) / tick) * tick);
            var ask = Math.Ceiling(mid * (1m + half) / tick) * tick;
            if (ask <= bid)
            {
                ask = bid + tick;
            }

            var last = Math.Clamp(Math.Round(mid / tick, MidpointRounding.ToEven) * tick, bid, ask);
            return new Quote(settings.Symbol, time, bid, ask, last, Size(), Size());
        }

        private decimal Size()
        {
            var size = settings.QuotedSize * (0.5m + random.NextDecimal());
            return Math.Max(settings.LotSize, Math.Floor(size / settings.LotSize) * settings.LotSize);
        }

        // Marsaglia's polar method: two independent standard normals per accepted pair.
        private decimal NextNormal()
        {
            if (spareNormal is { } spare)
            {
                spareNormal = null;
                return spare;
            }

            decimal u, v, s;
            do
            {
                u = (2m * random.NextDecimal()) - 1m;
                v = (2m * random.NextDecimal()) - 1m;
                s = (u * u) + (v * v);
            }
            while (s >= 1m || s == 0m);

            var factor = DecimalMath.Sqrt(-2m * DecimalMath.Ln(s) / s);
            spareNormal = v * factor;
            return u * factor;
        }
    }
}
