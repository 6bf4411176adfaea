using Trading.Engine.Execution;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using Trading.Strategies.Bars;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// The decision a replay session writes for a signal, as the engine reads it back: a market order, the bar's close as
/// its informational price, priced as of the bar close (+ latency), an entry's bracket in percent of its fill price.
/// </summary>
internal static class SignalRequests
{
    public static DecisionRequest For(StrategySignal signal, Bar bar, long id, TimeSpan latency, string agent)
    {
        var bracket = signal.IsEntry
            ? new BracketSpec(Fraction(signal.StopLossPct), Fraction(signal.TakeProfitPct), Fraction(signal.TrailingStopPct))
            : null;
        return new DecisionRequest(
            id, signal.Symbol, signal.Action, signal.Confidence, signal.RiskScore, signal.Quantity, signal.Notional,
            OrderType.Market, bar.Close, bar.CloseTime, LatencyTarget: bar.CloseTime + latency,
            Agent: agent, Bracket: bracket is { IsEmpty: false } ? bracket : null);
    }

    private static ExitLevel? Fraction(decimal? percent) => percent is { } p ? ExitLevel.AtFraction(p / 100m) : null;
}
