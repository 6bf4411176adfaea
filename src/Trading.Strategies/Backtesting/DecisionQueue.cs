using Trading.Engine.MarketData;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// The decisions waiting for their quote (the first of their symbol at or after their latency target) and their turn:
/// they leave in decision order, a later one never before an earlier one, as paper's do.
/// </summary>
internal sealed class DecisionQueue
{
    private readonly List<PendingDecision> waiting = [];

    public int Count => waiting.Count;

    public void Add(PendingDecision decision) => waiting.Add(decision);

    /// <summary>Gives <paramref name="quote"/> to every waiting decision of its symbol whose latency target it reached.</summary>
    public void Assign(Quote quote)
    {
        foreach (var pending in waiting)
        {
            if (pending.Quote is null && pending.Request.Symbol == quote.Symbol && quote.Time >= pending.Request.LatencyTarget)
            {
                pending.Quote = quote;
            }
        }
    }

    /// <summary>The waiting decisions that have their quote, from the oldest up to the first that has not.</summary>
    public List<PendingDecision> TakeReady()
    {
        var count = 0;
        while (count < waiting.Count && waiting[count].Quote is not null)
        {
            count++;
        }

        if (count == 0)
        {
            return [];
        }

        var ready = waiting.GetRange(0, count);
        waiting.RemoveRange(0, count);
        return ready;
    }

    /// <summary>Every waiting decision, removed (the data ended before their quote came).</summary>
    public List<PendingDecision> TakeAll()
    {
        var all = new List<PendingDecision>(waiting);
        waiting.Clear();
        return all;
    }
}
