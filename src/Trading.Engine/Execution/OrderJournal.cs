using Trading.Engine.Orders.Resting;

namespace Trading.Engine.Execution;

/// <summary>
/// Every order a batch created or changed (its last state) and every fill, in the order they happened. New orders get
/// provisional ids from 2^62 up (after every real id, so time priority holds in matching), consecutive within the
/// batch, which the writer swaps for ids from the database.
/// </summary>
internal sealed class OrderJournal
{
    private readonly Dictionary<long, int> index = [];
    private readonly List<RestingOrder> orders = [];
    private long next = OrderIds.ProvisionalBase;

    public IReadOnlyList<RestingOrder> Orders => orders;

    public List<ExecutedFill> Fills { get; } = [];

    /// <summary>The first of <paramref name="count"/> consecutive provisional ids.</summary>
    public long Reserve(int count)
    {
        var first = next;
        next += count;
        return first;
    }

    public void Record(RestingOrder order)
    {
        if (index.TryGetValue(order.Id, out var i))
        {
            orders[i] = order;
        }
        else
        {
            index[order.Id] = orders.Count;
            orders.Add(order);
        }
    }

    public RestingOrder? Find(long id) => index.TryGetValue(id, out var i) ? orders[i] : null;
}

/// <summary>Provisional order ids: what the engine numbers new orders with until the database gives them real ids.</summary>
public static class OrderIds
{
    public const long ProvisionalBase = 1L << 62;

    public static bool IsProvisional(long id) => id >= ProvisionalBase;
}
