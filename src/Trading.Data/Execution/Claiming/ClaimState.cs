using Trading.Engine.Execution;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Risk.Limits;

namespace Trading.Data.Execution.Claiming;

/// <summary>What a claim has locked and read so far; each step of the claim fills its part, the last builds the batch.</summary>
internal sealed class ClaimState(DateTimeOffset now)
{
    /// <summary>The execution time: only ever moves later (a lock waited on, a decision created after the claim began).</summary>
    public DateTimeOffset Now { get; private set; } = now;

    /// <summary>The locked accounts, with their settings, cash and simulated latency (read after the lock).</summary>
    public Dictionary<string, (AccountConfig Config, decimal Cash, TimeSpan Latency)> Accounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The epoch each locked account is in: every history row the batch writes carries it.</summary>
    public Dictionary<string, int> Epochs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every account locked, in claim order, including one whose settings could not be read (it is named in the failure).</summary>
    public List<string> Locked { get; } = [];

    /// <summary>Every decision read, in read order (named in the failure when loading fails after it).</summary>
    public List<long> DecisionIds { get; } = [];

    public bool AnyCancels { get; set; }

    public string[] AccountNames { get; private set; } = [];

    public Dictionary<string, List<PendingDecision>> Decisions { get; private set; } = [];

    public Dictionary<string, List<Position>> Positions { get; private set; } = [];

    public Dictionary<string, List<RestingOrder>> Orders { get; private set; } = [];

    public Dictionary<string, List<CancelRequest>> Cancels { get; private set; } = [];

    public Dictionary<string, List<RiskLimit>> Limits { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Quote> Quotes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, InstrumentSpec> Instruments { get; } = new(StringComparer.Ordinal);

    public List<Quote> Path { get; } = [];

    /// <summary>The depth snapshots per symbol, oldest first, that book-walking accounts' quotes may walk.</summary>
    public Dictionary<string, IReadOnlyList<OrderBook>> DepthBooks { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, LiquidityLedger> Ledgers { get; } = new(StringComparer.Ordinal);

    /// <summary>The account's liquidity ledger: what it took from books still fresh (read back from its fills), empty at first.</summary>
    public LiquidityLedger Ledger(string account)
    {
        if (!Ledgers.TryGetValue(account, out var ledger))
        {
            Ledgers[account] = ledger = new LiquidityLedger();
        }

        return ledger;
    }

    public void NotBefore(DateTimeOffset time) => Now = Now >= time ? Now : time;

    /// <summary>Once the accounts are locked: one empty list per account for each kind of state.</summary>
    public void StartLoading()
    {
        AccountNames = [.. Locked];
        Decisions = PerAccount<PendingDecision>();
        Positions = PerAccount<Position>();
        Orders = PerAccount<RestingOrder>();
        Cancels = PerAccount<CancelRequest>();
    }

    private Dictionary<string, List<T>> PerAccount<T>() => AccountNames.ToDictionary(a => a, _ => new List<T>(), StringComparer.Ordinal);
}
