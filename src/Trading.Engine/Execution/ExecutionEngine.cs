using Trading.Engine.MarketData;
using Trading.Engine.Queue;

namespace Trading.Engine.Execution;

/// <summary>
/// Runs one account's claimed decisions in order against its in-memory state. Each executed decision changes
/// <see cref="AccountState"/> before the next is evaluated. One direction, one file per step:
/// <list type="number">
/// <item><see cref="OrderBook.AdvanceTo"/>: the working orders meet the quotes and cancel requests up to the decision's
///   time (its latency target when latency is simulated).</item>
/// <item><see cref="DecisionChecks"/>: the decision passes its checks and is planned (side, size), or ends with a
///   reason.</item>
/// <item><see cref="OrderArrival"/>: its order meets the arrival quote: fills (a plain market order, against an
///   unbounded quoted size), rests or dies.</item>
/// <item><see cref="FillApplier"/>: every fill, on arrival or on a later quote: reduce-only cap → halt → buying power →
///   risk → portfolio → journal.</item>
/// </list>
/// After the last decision the rest of the quote path is met and <see cref="OrderBook.Finish"/> expires what is due.
/// Under the queue model, the market argument holds the prints and the displayed book sizes (none: no prints, and
/// a limit joins behind the quote's size at its price). The journal (orders, fills with their trades and ledger, positions, outcomes) is the result. Held symbols without
/// a quote are valued at their average entry price.
/// </summary>
public static class ExecutionEngine
{
    public static BatchResult Execute(
        AccountState state,
        IReadOnlyList<DecisionRequest> decisions,
        IReadOnlyDictionary<string, Quote> latestQuotes,
        IReadOnlyDictionary<string, InstrumentSpec> instruments,
        DateTimeOffset now,
        IReadOnlyList<Quote>? quotePath = null,
        IReadOnlyList<CancelRequest>? cancels = null,
        DateTimeOffset? pathComplete = null,
        QueueMarket? market = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(latestQuotes);
        ArgumentNullException.ThrowIfNull(instruments);

        var applier = new FillApplier(state, instruments);
        var book = new OrderBook(state, instruments, applier, quotePath ?? [], cancels ?? [], market ?? QueueMarket.Empty);
        var arrival = new OrderArrival(state, book, applier, now, market ?? QueueMarket.Empty);
        var outcomes = new List<DecisionOutcome>(decisions.Count);
        foreach (var decision in decisions)
        {
            book.AdvanceTo(decision.LatencyTarget ?? decision.CreatedAt, latestQuotes);
            var (refused, intent) = DecisionChecks.Check(state, decision, latestQuotes, instruments, now);
            outcomes.Add(refused ?? arrival.Place(intent!));
        }

        book.AdvanceTo(DateTimeOffset.MaxValue, latestQuotes);
        // Expiry at the batch time only once the path is complete: a quote not matched yet may still fill an order first.
        book.Finish(pathComplete is { } through && through < now ? through : now);
        var journal = state.Journal;
        var changed = journal.Fills.Select(f => f.Symbol).ToHashSet(StringComparer.Ordinal);
        return new BatchResult(
            outcomes, state.Cash, [.. state.Positions], changed, state.HaltedDuringBatch, [.. journal.Orders], [.. journal.Fills], book.CancelOutcomes);
    }
}
