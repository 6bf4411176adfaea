using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders.Resting;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// A backtest's working orders between engine calls, by id and by symbol. The engine numbers new orders provisionally
/// (as the database would renumber them); here they get ids 1, 2, … in the order the engine created them, OCO groups
/// following.
/// </summary>
internal sealed class WorkingOrders
{
    private static readonly IReadOnlyList<RestingOrder> None = [];
    private readonly SortedDictionary<long, RestingOrder> byId = [];
    private readonly Dictionary<string, List<RestingOrder>> bySymbol = new(StringComparer.Ordinal);
    private long nextId = 1;

    public IEnumerable<RestingOrder> All => byId.Values;

    public IReadOnlyList<RestingOrder> Of(string symbol) => bySymbol.TryGetValue(symbol, out var orders) ? orders : None;

    /// <summary>Whether <paramref name="quote"/> can change a working order of its symbol (<see cref="OrderMatcher.MayAct"/>).</summary>
    public bool AnyMayAct(Quote quote, decimal spreadFractionWhenLastOnly)
    {
        foreach (var order in Of(quote.Symbol))
        {
            if (OrderMatcher.MayAct(order, quote, spreadFractionWhenLastOnly))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes the orders an engine call created or changed; returns the map from its ids to the real ones.</summary>
    public Func<long, long> Apply(IReadOnlyList<RestingOrder> orders)
    {
        var real = new Dictionary<long, long>();
        foreach (var order in orders.Where(o => OrderIds.IsProvisional(o.Id)).OrderBy(o => o.Id))
        {
            real[order.Id] = nextId++;
        }

        long Real(long id) => real.GetValueOrDefault(id, id);
        foreach (var order in orders)
        {
            var renamed = order with { Id = Real(order.Id), OcoGroup = order.OcoGroup is { } group ? Real(group) : null };
            if (renamed.IsActive)
            {
                byId[renamed.Id] = renamed;
            }
            else
            {
                byId.Remove(renamed.Id);
            }
        }

        foreach (var list in bySymbol.Values)
        {
            list.Clear();
        }

        foreach (var order in byId.Values)
        {
            if (!bySymbol.TryGetValue(order.Symbol, out var list))
            {
                bySymbol[order.Symbol] = list = [];
            }

            list.Add(order);
        }

        return Real;
    }
}
