using Trading.Engine.Liquidity;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using DepthBook = Trading.Engine.Liquidity.OrderBook;

namespace Trading.Engine.Execution;

/// <summary>
/// The in-memory state of one account during a batch: its config, cash and open positions as
/// loaded from the database. <see cref="ExecutionEngine"/> changes it decision by decision.
/// </summary>
public sealed class AccountState
{
    public AccountState(AccountConfig config, decimal cash, IEnumerable<Position> positions, IEnumerable<RestingOrder>? openOrders = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Portfolio = new Portfolio(cash, positions);
        foreach (var order in openOrders ?? [])
        {
            if (order.IsActive)
            {
                OpenOrders[order.Id] = order;
            }
        }
    }

    /// <summary>The working orders by id, as they stand now (terminal ones leave).</summary>
    internal SortedDictionary<long, RestingOrder> OpenOrders { get; } = [];

    /// <summary>The working orders as they stand now, in id order.</summary>
    public IReadOnlyCollection<RestingOrder> WorkingOrders => OpenOrders.Values;

    internal OrderJournal Journal { get; } = new();

    public AccountConfig Config { get; }

    public Portfolio Portfolio { get; }

    public decimal Cash => Portfolio.Cash;

    public IReadOnlyCollection<Position> Positions => Portfolio.Positions;

    /// <summary>
    /// What this account's orders took from each book: the next order on the same book finds it gone, the next book
    /// (quote or snapshot) refills it. A new ledger per batch unless the caller keeps one across calls (a backtest) or
    /// preloads what earlier batches took on the same book.
    /// </summary>
    public LiquidityLedger Liquidity
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Liquidity));
    } = new();

    /// <summary>
    /// The stored depth snapshots per symbol, oldest first, that the batch's quotes may walk: the newest at or before a
    /// quote is its book when fresh.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DepthBook>> DepthBooks
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(DepthBooks));
    } = new Dictionary<string, IReadOnlyList<DepthBook>>(StringComparer.Ordinal);

    /// <summary>The account's risk limits and their figures for this batch; none when null.</summary>
    public AccountRisk? Risk { get; init; }

    /// <summary>Why a breached loss limit halted the account during this batch; null while it has not.</summary>
    public string? HaltedDuringBatch { get; private set; }

    /// <summary>Halted by configuration or during this batch: only CLOSE decisions still execute.</summary>
    public string? HaltReason => HaltedDuringBatch ?? (Config.Halted ? Config.HaltReason ?? "no reason given" : null);

    /// <summary>Halts the account for the rest of the batch (the caller persists it).</summary>
    public void Halt(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        HaltedDuringBatch ??= reason;
    }

    /// <summary>A new account: all initial capital in cash, no positions.</summary>
    public static AccountState Open(AccountConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new AccountState(config, config.InitialCapital, []);
    }
}
