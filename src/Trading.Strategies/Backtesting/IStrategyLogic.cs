using Trading.Strategies.Bars;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// What turns closed bars into signals in a backtest: the strategy's evaluator, or a stand-in (the look-ahead check's
/// tests use a cheating one). Fed every closed bar of its symbols, in close-time order, once each.
/// </summary>
public interface IStrategyLogic
{
    StrategyConfig Config { get; }

    IReadOnlyList<StrategySignal> OnBar(Bar bar, StrategyPosition position);

    /// <summary>Whether the last bar of <paramref name="symbol"/> had every indicator defined (false: still warming up).</summary>
    bool IsReady(string symbol);
}
