namespace Trading.Engine.Faults;

/// <summary>
/// Per-account fault injection, so an agent's author can prove their error handling: each probability is drawn
/// independently per decision from the account's seed. Everything is off by default (<see cref="None"/>).
/// </summary>
public sealed record FaultSettings
{
    public static readonly FaultSettings None = new(0m, 0m, 0m, TimeSpan.Zero, 0m);

    public FaultSettings(
        decimal rejectProbability,
        decimal partialFillProbability,
        decimal extraLatencyProbability,
        TimeSpan maxExtraLatency,
        decimal staleQuoteProbability)
    {
        RejectProbability = Probability(rejectProbability, nameof(rejectProbability));
        PartialFillProbability = Probability(partialFillProbability, nameof(partialFillProbability));
        ExtraLatencyProbability = Probability(extraLatencyProbability, nameof(extraLatencyProbability));
        StaleQuoteProbability = Probability(staleQuoteProbability, nameof(staleQuoteProbability));
        if (maxExtraLatency < TimeSpan.Zero || maxExtraLatency > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(maxExtraLatency), maxExtraLatency, "The extra latency must lie in [0, 10 minutes].");
        }

        if (extraLatencyProbability > 0m && maxExtraLatency == TimeSpan.Zero)
        {
            throw new ArgumentException("An extra-latency probability needs a maximum extra latency above zero.", nameof(maxExtraLatency));
        }

        MaxExtraLatency = maxExtraLatency;
    }

    /// <summary>The chance an order is refused with an exchange-like reason.</summary>
    public decimal RejectProbability { get; }

    /// <summary>The chance an order fills only in part (between 10 % and 90 % of its quantity).</summary>
    public decimal PartialFillProbability { get; }

    /// <summary>The chance an order waits an extra latency, uniform in [0, <see cref="MaxExtraLatency"/>).</summary>
    public decimal ExtraLatencyProbability { get; }

    public TimeSpan MaxExtraLatency { get; }

    /// <summary>The chance an order is refused as if its quote were stale.</summary>
    public decimal StaleQuoteProbability { get; }

    public bool IsOff => RejectProbability == 0m && PartialFillProbability == 0m && ExtraLatencyProbability == 0m && StaleQuoteProbability == 0m;

    private static decimal Probability(decimal value, string name) =>
        value is >= 0m and <= 1m ? value : throw new ArgumentOutOfRangeException(name, value, "A probability must lie in [0, 1].");
}
