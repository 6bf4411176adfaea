using Trading.Engine.Faults;

namespace Trading.Engine.Tests.Faults;

public class FaultInjectorTests
{
    private static FaultSettings Settings(decimal reject = 0m, decimal partial = 0m, decimal latency = 0m, decimal stale = 0m) =>
        new(reject, partial, latency, latency > 0m ? TimeSpan.FromSeconds(2) : TimeSpan.Zero, stale);

    [Fact]
    public void Draw_Default_NoFault()
    {
        Assert.Same(InjectedFaults.Nothing, FaultInjector.Draw(FaultSettings.None, 42, 7));
    }

    [Fact]
    public void Draw_CertainRejection_ReasonSaysItWasInjected()
    {
        var faults = FaultInjector.Draw(Settings(reject: 1m), 42, 7);

        Assert.True(faults.Rejects);
        Assert.StartsWith("injected fault: exchange rejected the order: ", faults.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_CertainStaleQuote_ReasonSaysItWasInjected()
    {
        var faults = FaultInjector.Draw(Settings(stale: 1m), 42, 7);

        Assert.StartsWith("injected fault: stale quote", faults.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_CertainPartial_ShareBetweenTenAndNinetyPercentAndSaysSo()
    {
        for (var id = 0; id < 500; id++)
        {
            var faults = FaultInjector.Draw(Settings(partial: 1m), 42, id);

            Assert.InRange(faults.PartialFraction!.Value, 0.1m, 0.9m);
            Assert.StartsWith("injected fault: partial fill", faults.PartialReason, StringComparison.Ordinal);
            Assert.False(faults.Rejects);
        }
    }

    [Fact]
    public void Draw_CertainLatency_WithinTheMaximum()
    {
        for (var id = 0; id < 500; id++)
        {
            Assert.InRange(FaultInjector.Draw(Settings(latency: 1m), 42, id).ExtraLatency, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public void Draw_SameSeedAndDecision_SameFaults()
    {
        var settings = Settings(0.5m, 0.5m, 0.5m, 0.5m);

        Assert.Equal(FaultInjector.Draw(settings, 42, 7), FaultInjector.Draw(settings, 42, 7));
    }

    [Fact]
    public void Draw_RejectProbabilityChanged_PartialOutcomeUnchanged()
    {
        for (var id = 0; id < 200; id++)
        {
            var without = FaultInjector.Draw(Settings(partial: 0.5m), 42, id);
            var with = FaultInjector.Draw(Settings(reject: 0.5m, partial: 0.5m), 42, id);

            Assert.Equal(without.PartialFraction, with.PartialFraction);
        }
    }

    [Fact]
    public void Draw_ThirtyPercentRejects_AboutThirtyPercentOfDecisions()
    {
        var rejected = Enumerable.Range(0, 10_000).Count(id => FaultInjector.Draw(Settings(reject: 0.3m), 42, id).Rejects);

        Assert.InRange(rejected, 2_800, 3_200);
    }

    [Fact]
    public void Settings_ProbabilityAboveOne_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Settings(reject: 1.5m));
    }

    [Fact]
    public void Settings_LatencyProbabilityWithoutMaximum_Refused()
    {
        Assert.Throws<ArgumentException>(() => new FaultSettings(0m, 0m, 0.5m, TimeSpan.Zero, 0m));
    }
}
