using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Queue;

namespace Trading.Data.Execution;

/// <summary>
/// Everything one transaction executes: the locked accounts, their newest quotes and instruments, and the quote path
/// (time order) their working orders have not met yet.
/// </summary>
public sealed record ClaimedBatch(
    IReadOnlyList<ClaimedAccount> Accounts,
    IReadOnlyDictionary<string, Quote> Quotes,
    IReadOnlyDictionary<string, InstrumentSpec> Instruments,
    IReadOnlyList<Quote> QuotePath)
{
    public int DecisionCount => Accounts.Sum(a => a.Decisions.Count);

    /// <summary>
    /// The execution time: read once the accounts were locked, never earlier than a claimed decision's creation, and the
    /// bound of the quotes read (the newest at or before it).
    /// </summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>
    /// When a symbol's path was cut at <see cref="ExecutionStore.PathSliceLength"/> quotes: the time up to which every
    /// path is complete (the next batch goes on from there); null when the whole path up to now was loaded.
    /// </summary>
    public DateTimeOffset? PathCompleteThrough { get; init; }

    /// <summary>The prints and book sizes of the queue model (empty when no claimed account uses it).</summary>
    public QueueMarket Queue { get; init; } = QueueMarket.Empty;

    /// <summary>
    /// The depth snapshots, oldest first, of each symbol book-walking accounts decide on or work orders in: from the one
    /// in force at the symbol's earliest quote of the batch up to <see cref="Now"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OrderBook>> DepthBooks { get; init; } = new Dictionary<string, IReadOnlyList<OrderBook>>(StringComparer.Ordinal);

    /// <summary>The path quotes of the symbols the account has working orders in.</summary>
    public IReadOnlyList<Quote> PathFor(ClaimedAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.OpenOrders.Count == 0 || QuotePath.Count == 0)
        {
            return [];
        }

        var symbols = account.OpenOrders.Select(o => o.Symbol).ToHashSet(StringComparer.Ordinal);
        return [.. QuotePath.Where(q => symbols.Contains(q.Symbol))];
    }
}
