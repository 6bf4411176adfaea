using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Risk.Limits;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// What a backtest runs with: the account the engine simulates (fees, slippage, leverage, seed…, exactly as a paper
/// account's), the instruments, the latency between a bar's close and the quote that prices its decision (a session's
/// account has 1 ms), the time after which bars are acted on (bars closing at or before it only warm the indicators
/// up), and the account's risk limits.
/// </summary>
public sealed record BacktestSettings(
    AccountConfig Account,
    IReadOnlyDictionary<string, InstrumentSpec> Instruments,
    TimeSpan Latency,
    DateTimeOffset ActFrom)
{
    public IReadOnlyList<RiskLimit> RiskLimits { get; init; } = [];

    /// <summary>The agent label the decisions carry (risk limits scoped to an agent match it); "strategy:NAME" when null.</summary>
    public string? Agent { get; init; }
}
