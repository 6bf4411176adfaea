namespace Trading.Engine.Randomness;

/// <summary>
/// SplitMix64: a small, fast generator whose sequence is fixed forever by its seed, so a replay of
/// the same decisions and prices produces the same fills. Not thread-safe; one instance per decision.
/// </summary>
public sealed class DeterministicRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    // 2^53: NextDecimal keeps the top 53 bits, the same resolution as the usual [0,1) construction.
    private const decimal TwoPow53 = 9007199254740992m;

    private ulong _state;

    public DeterministicRandom(ulong seed)
    {
        Seed = seed;
        _state = seed;
    }

    /// <summary>The seed this generator started from (recorded with each fill for provenance).</summary>
    public ulong Seed { get; }

    /// <summary>
    /// The generator of one decision, independent of the order in which decisions are processed.
    /// </summary>
    public static DeterministicRandom For(long accountSeed, long decisionId)
    {
        var mixed = unchecked((ulong)accountSeed ^ ((ulong)decisionId * Gamma));
        return new DeterministicRandom(Mix(mixed + Gamma));
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1): (x &gt;&gt; 11) / 2^53, computed in decimal.</summary>
    public decimal NextDecimal() => (NextUInt64() >> 11) / TwoPow53;

    /// <summary>Uniform in [min, max).</summary>
    public decimal NextDecimal(decimal min, decimal max)
    {
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"The maximum must not be below the minimum {min}.");
        }

        return min + ((max - min) * NextDecimal());
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
