using Trading.Engine.Randomness;

namespace Trading.Engine.Faults;

/// <summary>
/// Draws one decision's faults from its own generator, derived from (account seed, decision id) and a fixed salt, so
/// turning faults on shifts no slippage or fill-probability draw and a replay injects the same faults. The draws come in
/// a fixed order (rejection, its reason, stale quote, partial, its share, latency, its length), all made whether or not
/// their probability is zero, so changing one probability never changes another fault's outcome.
/// </summary>
public static class FaultInjector
{
    // "faults" in ASCII: keeps this generator's stream apart from the decision's own.
    private const long Salt = 0x6661756C7473;

    private static readonly string[] ExchangeReasons =
    [
        "exchange rejected the order: rate limit exceeded (HTTP 429)",
        "exchange rejected the order: insufficient balance at the venue",
        "exchange rejected the order: price outside the allowed band (PERCENT_PRICE filter)",
        "exchange rejected the order: market temporarily unavailable",
    ];

    public static InjectedFaults Draw(FaultSettings settings, long accountSeed, long decisionId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.IsOff)
        {
            return InjectedFaults.Nothing;
        }

        var random = DeterministicRandom.For(accountSeed ^ Salt, decisionId);
        var reject = random.NextDecimal() < settings.RejectProbability;
        var reason = ExchangeReasons[(int)(random.NextUInt64() % (ulong)ExchangeReasons.Length)];
        var stale = random.NextDecimal() < settings.StaleQuoteProbability;
        var partial = random.NextDecimal() < settings.PartialFillProbability;
        var share = Math.Round(random.NextDecimal(0.1m, 0.9m), 4, MidpointRounding.ToEven);
        var delayed = random.NextDecimal() < settings.ExtraLatencyProbability;
        var delay = TimeSpan.FromTicks((long)(random.NextDecimal() * settings.MaxExtraLatency.Ticks));

        var rejection = reject
            ? InjectedFaults.Prefix + reason
            : stale ? InjectedFaults.Prefix + "stale quote: the newest quote is treated as older than the staleness bound" : null;
        return new InjectedFaults(rejection, partial ? share : null, delayed ? delay : TimeSpan.Zero);
    }
}
