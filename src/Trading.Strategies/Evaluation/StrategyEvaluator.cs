using Trading.Strategies.Bars;
using Trading.Strategies.Config;

namespace Trading.Strategies.Evaluation;

/// <summary>
/// One running strategy: its indicators' state per symbol. Feed it every closed bar of its timeframe, in time order per
/// symbol, with the position the venue reports; it returns what to do on that bar. Deterministic: the same bars and
/// positions give the same signals, in paper and in a backtest. Replaying stored bars rebuilds the state after a
/// restart (the caller discards the signals of bars it already acted on).
/// </summary>
public sealed class StrategyEvaluator
{
    private StrategyEvaluator(StrategyConfig config)
    {
        Config = config;
    }

    public StrategyConfig Config { get; }

    public static StrategyEvaluator Create(StrategyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new StrategyEvaluator(config);
    }

    public IReadOnlyList<StrategySignal> OnBar(Bar bar, StrategyPosition position) => throw new NotImplementedException();
}
