using Trading.Strategies.Bars;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>What turns closed bars into signals in a backtest: the strategy's evaluator, or (in the look-ahead check's test) a stand-in.</summary>
public interface IStrategyLogic
{
    StrategyConfig Config { get; }

    IReadOnlyList<StrategySignal> OnBar(Bar bar, StrategyPosition position);
}
