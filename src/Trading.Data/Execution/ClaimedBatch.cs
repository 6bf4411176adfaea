using Trading.Engine.MarketData;

namespace Trading.Data.Execution;

/// <summary>Everything one transaction executes: the locked accounts, their quotes and instruments.</summary>
public sealed record ClaimedBatch(
    IReadOnlyList<ClaimedAccount> Accounts,
    IReadOnlyDictionary<string, Quote> Quotes,
    IReadOnlyDictionary<string, InstrumentSpec> Instruments)
{
    public int DecisionCount => Accounts.Sum(a => a.Decisions.Count);
}
