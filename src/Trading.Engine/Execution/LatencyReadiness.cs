using Trading.Engine.Faults;
using Trading.Engine.MarketData;

namespace Trading.Engine.Execution;

/// <summary>
/// Which of an account's pending decisions can execute now when prices are taken after a delay (simulated latency, or a
/// replayed decision priced from a bar's close):
/// <list type="bullet">
/// <item>A decision without a target (no latency, no price moment of its own) is ready: the newest quote prices it.</item>
/// <item>A decision whose delayed quote (the first at or after its target) exists is ready, carrying that quote.</item>
/// <item>A decision whose quote has not arrived waits, and every later decision of the account waits with it (their
/// order is kept), until the quote arrives or the staleness bound has passed since the target; after that it is ready
/// without a quote, and the engine rejects it as stale.</item>
/// </list>
/// </summary>
public static class LatencyReadiness
{
    /// <summary>
    /// The time from which a decision's quote is taken: its price moment (<paramref name="priceAsOf"/>, else its creation)
    /// plus the latency; null when neither a latency nor a price moment delays it.
    /// </summary>
    public static DateTimeOffset? Target(DateTimeOffset createdAt, DateTimeOffset? priceAsOf, TimeSpan latency) =>
        latency > TimeSpan.Zero || priceAsOf is not null ? (priceAsOf ?? createdAt) + latency : null;

    /// <summary>
    /// How long after its price moment a decision's quote is taken: the account's latency plus the extra latency its
    /// faults draw (the same draw wherever it is asked: the claim, the engine, a backtest).
    /// </summary>
    public static TimeSpan Delay(AccountConfig config, long decisionId)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Latency + FaultInjector.Draw(config.Faults, config.RandomSeed, decisionId).ExtraLatency;
    }

    /// <summary>
    /// The decisions ready now, in order: always a prefix of <paramref name="decisions"/> (the first that waits ends it),
    /// each delayed decision whose quote was found carrying it as <see cref="DecisionRequest.LatencyQuote"/> with its
    /// <see cref="DecisionRequest.LatencyTarget"/>.
    /// </summary>
    /// <param name="decisions">The account's pending decisions in insertion order, each with its <see cref="Target"/>.</param>
    /// <param name="delayedQuotes">By decision id: the first quote at or after the decision's target, at or before now.</param>
    /// <param name="stalenessBound">How long after its target a decision waits for its quote (the account's staleness bound).</param>
    /// <param name="now">The execution time.</param>
    public static IReadOnlyList<DecisionRequest> Ready(
        IReadOnlyList<(DecisionRequest Decision, DateTimeOffset? Target)> decisions, IReadOnlyDictionary<long, Quote> delayedQuotes,
        TimeSpan stalenessBound, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(delayedQuotes);
        var ready = new List<DecisionRequest>(decisions.Count);
        foreach (var (decision, target) in decisions)
        {
            if (target is not { } at)
            {
                ready.Add(decision);
            }
            else if (delayedQuotes.TryGetValue(decision.Id, out var quote))
            {
                ready.Add(decision with { LatencyQuote = quote, LatencyTarget = at });
            }
            else if (now - at > stalenessBound)
            {
                ready.Add(decision);
            }
            else
            {
                break;
            }
        }

        return ready;
    }
}
