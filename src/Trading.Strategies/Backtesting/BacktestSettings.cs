using Trading.Engine.Execution;
using Trading.Engine.MarketData;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// What a backtest runs with: the account the engine simulates (fees, slippage, leverage, seed…, exactly as a paper
/// account's), the instruments, the latency between a bar's close and the quote that fills its decision (a session's
/// account has 1 ms), and the time from which bars are acted on (earlier bars only warm the indicators up).
/// </summary>
public sealed record BacktestSettings(
    AccountConfig Account,
    IReadOnlyDictionary<string, InstrumentSpec> Instruments,
    TimeSpan Latency,
    DateTimeOffset ActFrom);
