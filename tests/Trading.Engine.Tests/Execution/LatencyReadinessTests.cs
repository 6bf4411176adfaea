using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Execution;

public class LatencyReadinessTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Staleness = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = TestData.T0;

    [Fact]
    public void Target_NoLatencyNoPriceMoment_Null() =>
        Assert.Null(LatencyReadiness.Target(T0, null, TimeSpan.Zero));

    [Fact]
    public void Target_Latency_CreationPlusLatency() =>
        Assert.Equal(T0 + Latency, LatencyReadiness.Target(T0, null, Latency));

    [Fact]
    public void Target_PriceMomentWithoutLatency_ThePriceMoment() =>
        Assert.Equal(T0.AddMinutes(-5), LatencyReadiness.Target(T0, T0.AddMinutes(-5), TimeSpan.Zero));

    [Fact]
    public void Target_PriceMomentAndLatency_PriceMomentPlusLatency() =>
        Assert.Equal(T0.AddMinutes(-5) + Latency, LatencyReadiness.Target(T0, T0.AddMinutes(-5), Latency));

    [Fact]
    public void Ready_UndelayedDecisions_AllReadyUnchanged()
    {
        var decisions = new[] { (Decision(1, DecisionAction.Buy, 1m), (DateTimeOffset?)null), (Decision(2, DecisionAction.Sell, 1m), null) };

        var ready = LatencyReadiness.Ready(decisions, new Dictionary<long, Quote>(), Staleness, T0);

        Assert.Equal([decisions[0].Item1, decisions[1].Item1], ready);
    }

    [Fact]
    public void Ready_DelayedQuoteFound_ReadyWithQuoteAndTarget()
    {
        var quote = TestData.Quote(Symbol, 99m, 101m, T0.AddSeconds(1));
        var target = T0 + Latency;

        var ready = LatencyReadiness.Ready([(Decision(1, DecisionAction.Buy, 1m), target)], new Dictionary<long, Quote> { [1] = quote }, Staleness, T0.AddSeconds(2));

        var decision = Assert.Single(ready);
        Assert.Same(quote, decision.LatencyQuote);
        Assert.Equal(target, decision.LatencyTarget);
    }

    [Fact]
    public void Ready_QuoteNotArrivedWithinStaleness_ItAndEveryLaterDecisionWait()
    {
        var first = Decision(1, DecisionAction.Buy, 1m);
        var decisions = new[] { (first, (DateTimeOffset?)null), (Decision(2, DecisionAction.Buy, 1m), T0 + Latency), (Decision(3, DecisionAction.Buy, 1m), null) };

        var ready = LatencyReadiness.Ready(decisions, new Dictionary<long, Quote>(), Staleness, T0 + Latency + Staleness);

        Assert.Equal([first], ready);
    }

    [Fact]
    public void Ready_QuoteNotArrivedPastStaleness_ReadyWithoutQuote()
    {
        var decision = Decision(1, DecisionAction.Buy, 1m);
        var now = T0 + Latency + Staleness + TimeSpan.FromTicks(1);

        var ready = LatencyReadiness.Ready([(decision, T0 + Latency)], new Dictionary<long, Quote>(), Staleness, now);

        Assert.Same(decision, Assert.Single(ready));
        Assert.Null(ready[0].LatencyQuote);
        Assert.Null(ready[0].LatencyTarget);
    }
}
