using Trading.Engine.Execution;
using Trading.Engine.Faults;
using Trading.Engine.Orders;
using Trading.Engine.Primitives;
using static Trading.Engine.Tests.Execution.EngineFixture;

namespace Trading.Engine.Tests.Faults;

/// <summary>Injected faults through the engine: each kind says so in its reason, and the same seed injects the same faults.</summary>
public class FaultExecutionTests
{
    private static readonly DateTimeOffset T0 = TestData.T0;

    private static AccountConfig With(decimal reject = 0m, decimal partial = 0m, decimal latency = 0m, decimal stale = 0m) =>
        Config() with { Faults = new FaultSettings(reject, partial, latency, latency > 0m ? TimeSpan.FromSeconds(2) : TimeSpan.Zero, stale) };

    private static BatchResult Execute(AccountConfig config, params DecisionRequest[] decisions) =>
        ExecutionEngine.Execute(AccountState.Open(config), decisions, Quotes(99.99m, 100.01m), Instruments(), T0);

    [Fact]
    public void CertainRejection_RejectsWithAnExchangeLikeReason()
    {
        var outcome = Execute(With(reject: 1m), Decision(1, DecisionAction.Buy, 1m)).Outcomes.Single();

        Assert.Equal(DecisionStatus.Rejected, outcome.Status);
        Assert.StartsWith("injected fault: exchange rejected the order: ", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CertainStaleQuote_RejectsAsStale()
    {
        var outcome = Execute(With(stale: 1m), Decision(1, DecisionAction.Buy, 1m)).Outcomes.Single();

        Assert.Equal((DecisionStatus.Rejected, "injected fault: stale quote: the newest quote is treated as older than the staleness bound"), (outcome.Status, outcome.Reason));
    }

    [Fact]
    public void CertainPartial_MarketOrder_FillsTheDrawnShare_RestCanceled()
    {
        var config = With(partial: 1m);
        var share = FaultInjector.Draw(config.Faults, config.RandomSeed, 1).PartialFraction!.Value;
        var kept = Math.Floor(10m * share * 1000m) / 1000m;

        var result = Execute(config, Decision(1, DecisionAction.Buy, 10m));

        Assert.Equal(kept, result.Fills!.Single().Fill.Quantity);
        var order = result.Orders!.Single();
        Assert.Equal((OrderStatus.Canceled, kept, 10m - kept), (order.Status, order.FilledQuantity, order.Quantity));
        Assert.StartsWith("injected fault: partial fill, ", order.StatusReason, StringComparison.Ordinal);
        Assert.EndsWith($"remaining {Fmt.Qty(10m - kept)} canceled", order.StatusReason, StringComparison.Ordinal);
        Assert.Contains("injected fault: partial fill", result.Outcomes.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CertainPartial_MarketableLimit_RestRests()
    {
        var decision = Decision(1, DecisionAction.Buy, 10m, type: OrderType.Limit) with { LimitPrice = 101m };

        var result = Execute(With(partial: 1m), decision);

        var order = result.Orders!.Single();
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(10m, order.FilledQuantity + order.Quantity);
        var outcome = result.Outcomes.Single();
        Assert.Equal(DecisionStatus.Placed, outcome.Status);
        Assert.Contains("; injected fault: partial fill, ", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraLatency_SameDrawWhereverAsked_AddsToTheAccountLatency()
    {
        var config = With(latency: 1m) with { Latency = TimeSpan.FromMilliseconds(100) };

        var delays = Enumerable.Range(1, 20).Select(id => LatencyReadiness.Delay(config, id)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(2100)));
        Assert.Equal(delays, Enumerable.Range(1, 20).Select(id => LatencyReadiness.Delay(config, id)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), LatencyReadiness.Delay(Config() with { Latency = TimeSpan.FromMilliseconds(100) }, 1));
    }

    [Fact]
    public void SameSeed_SameFaults_AnotherSeed_Others()
    {
        var config = With(reject: 0.3m, partial: 0.3m, stale: 0.2m);
        var decisions = Enumerable.Range(1, 40).Select(id => Decision(id, DecisionAction.Buy, 0.1m)).ToArray();

        var first = Execute(config, decisions).Outcomes.Select(o => (o.Status, o.Reason)).ToList();
        var again = Execute(config, decisions).Outcomes.Select(o => (o.Status, o.Reason)).ToList();
        var other = Execute(config with { RandomSeed = 43 }, decisions).Outcomes.Select(o => (o.Status, o.Reason)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(first, o => o.Reason.StartsWith("injected fault: ", StringComparison.Ordinal));
        Assert.Contains(first, o => o.Status == DecisionStatus.Executed);
    }

    [Fact]
    public void FaultsOff_NothingInjected()
    {
        var outcome = Execute(Config(), Decision(1, DecisionAction.Buy, 1m)).Outcomes.Single();

        Assert.Equal(DecisionStatus.Executed, outcome.Status);
        Assert.DoesNotContain("injected", outcome.Reason, StringComparison.Ordinal);
    }
}
