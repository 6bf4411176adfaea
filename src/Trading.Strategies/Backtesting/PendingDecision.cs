using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>A decision waiting for its quote (the first of its symbol at or after its bar close + latency) and its turn.</summary>
internal sealed class PendingDecision(DecisionRequest request, StrategySignal signal, string key)
{
    public DecisionRequest Request { get; } = request;

    public StrategySignal Signal { get; } = signal;

    public string Key { get; } = key;

    public Quote? Quote { get; set; }
}
