using Trading.Strategies.Comparisons;
using Trading.Strategies.Backtesting;

namespace Trading.Strategies.Tests.Comparisons;

public class ReconcilerTests
{
    // One long of 1 unit from the signal at hour 4 (bar close 100) to the signal at hour 8 (bar close 110).
    // Backtest: entry at the ask 100.10 of a 99.90/100.10 quote (mid 100, no slippage), exit at the bid 109.90 of
    //   109.90/110.10 (mid 110); gross 9.80, fees 0.21, net 9.59.
    // Paper: the price moved up 0.50 before its entry quote (mid 100.50, 100.40/100.60), slippage 0.05: 100.65; before
    //   its exit it moved down 0.20 (mid 109.80) on a wider quote 109.60/110.00, slippage 0.05: 109.55; gross 8.90,
    //   fees 0.21, net 8.69.
    // Per unit: entry +0.55 = latency 0.50 + slippage 0.05; exit −0.35 = latency −0.20 + spread −0.10 + slippage −0.05.
    // Money (d = 1, q = 1): latency −0.20 − 0.50 = −0.70; spread −0.10; slippage −0.05 − 0.05 = −0.10; sum −0.90 = Δnet.
    private static readonly ComparedTrade BacktestTrade = Sides.Trade(Sides.Key(4), 9.59m, 0.21m, entry: 100.10m, exit: 109.90m,
        entryFill: Sides.Fill(99.90m, 100.10m, 100.10m, 100m), exitFill: Sides.Fill(109.90m, 110.10m, 109.90m, 110m, buy: false));

    private static readonly ComparedTrade PaperTrade = Sides.Trade(Sides.Key(4), 8.69m, 0.21m, entry: 100.65m, exit: 109.55m,
        entryFill: Sides.Fill(100.40m, 100.60m, 100.65m, 100m), exitFill: Sides.Fill(109.60m, 110.00m, 109.55m, 110m, buy: false));

    [Fact]
    public void Reconcile_SameSignal_EntryAndExitSplitIntoLatencySpreadSlippage()
    {
        var r = Reconciler.Reconcile(Sides.Side("backtest", [BacktestTrade]), Sides.Side("paper", [PaperTrade]));

        var pair = Assert.Single(r.Pairs);
        Assert.Equal(new PriceDifference(0.50m, 0m, 0m, 0.05m), pair.Entry);
        Assert.Equal(new PriceDifference(-0.20m, 0m, -0.10m, -0.05m), pair.Exit);
        Assert.Equal(-0.90m, pair.NetDifference);
        Assert.Equal(
            [(DifferenceCause.Latency, -0.70m), (DifferenceCause.DifferentQuote, 0m), (DifferenceCause.Spread, -0.10m),
             (DifferenceCause.Slippage, -0.10m), (DifferenceCause.Fees, 0m), (DifferenceCause.Size, 0m), (DifferenceCause.Rounding, 0m)],
            pair.Causes.Select(c => (c.Cause, c.Amount)));
    }

    [Fact]
    public void Reconcile_UnmatchedOnEachSide_BridgeSumsToTheDifferenceWithWhy()
    {
        // Backtest also wins 5.00 on the hour-12 signal, which paper's decision could not fill; paper loses 2.00 on an
        // hour-16 signal the backtest took no decision on. Bridge: 14.59 → 6.69 = −7.90 = −0.70 − 0.10 − 0.10 − 5 − 2.
        var backtest = Sides.Side("backtest", [BacktestTrade, Sides.Trade(Sides.Key(12), 5m)], [Sides.At(0, 0, 1000m), Sides.At(1, 0, 1014.59m)]);
        var paper = Sides.Side("paper", [PaperTrade, Sides.Trade(Sides.Key(16), -2m)], [Sides.At(0, 0, 1000m), Sides.At(1, 0, 1006.69m)],
            [new SignalOutcome(Sides.Key(12), "rejected", "insufficient buying power")]);

        var r = Reconciler.Reconcile(backtest, paper);

        Assert.Equal("no fill in the paper: its decision was rejected (insufficient buying power)", Assert.Single(r.UnmatchedBacktest).Reason);
        Assert.Contains("the backtest took no decision on this bar", Assert.Single(r.UnmatchedPaper).Reason, StringComparison.Ordinal);
        Assert.Equal((14.59m, 6.69m, -7.90m), (r.Bridge.BacktestNetPnl, r.Bridge.PaperNetPnl, r.Bridge.Difference));
        Assert.Equal(
            [(DifferenceCause.Latency, -0.70m), (DifferenceCause.Spread, -0.10m), (DifferenceCause.Slippage, -0.10m),
             (DifferenceCause.NoFill, -5m), (DifferenceCause.ExtraTrade, -2m)],
            r.Bridge.Steps.Select(s => (s.Cause, s.Cents)));
    }

    [Fact]
    public void Reconcile_PaperFilledPartOfTheOrder_QuantityDifferenceIsPartialFill()
    {
        // Same prices, paper got 0.6 of 1: it misses 0.4 × (109.90 − 100.10) = 3.92 of gross; fees scale, say 0.126.
        var entry = Sides.Fill(99.90m, 100.10m, 100.10m, 100m, quantity: 0.6m, ordered: 1m);
        var exit = Sides.Fill(109.90m, 110.10m, 109.90m, 110m, quantity: 0.6m, buy: false);
        var paper = Sides.Trade(Sides.Key(4), 5.88m - 0.126m, 0.126m, quantity: 0.6m, entry: 100.10m, exit: 109.90m, entryFill: entry, exitFill: exit);

        var r = Reconciler.Reconcile(Sides.Side("backtest", [BacktestTrade]), Sides.Side("paper", [paper]));

        var causes = Assert.Single(r.Pairs).Causes.Where(c => c.Amount != 0m).Select(c => (c.Cause, c.Amount));
        Assert.Equal([(DifferenceCause.Fees, 0.084m), (DifferenceCause.PartialFill, -3.92m)], causes);
    }

    [Fact]
    public void Reconcile_ExitInSeveralFills_MergedIntoOneRoundTrip()
    {
        // Paper closed the same position in two fills (two trade rows): 0.4 and 0.6 at the same prices as one exit.
        var exit1 = Sides.Fill(109.60m, 110.00m, 109.55m, 110m, quantity: 0.4m, ordered: 1m, buy: false);
        var exit2 = Sides.Fill(109.60m, 110.00m, 109.55m, 110m, quantity: 0.6m, ordered: 1m, buy: false) with { QuoteTime = Sides.Day1.AddHours(9) };
        var entry = Sides.Fill(100.40m, 100.60m, 100.65m, 100m);
        var paper = new[]
        {
            Sides.Trade(Sides.Key(4), (8.90m * 0.4m) - 0.084m, 0.084m, quantity: 0.4m, entry: 100.65m, exit: 109.55m, entryFill: entry, exitFill: exit1),
            Sides.Trade(Sides.Key(4), (8.90m * 0.6m) - 0.126m, 0.126m, quantity: 0.6m, entry: 100.65m, exit: 109.55m, entryFill: entry, exitFill: exit2),
        };

        var r = Reconciler.Reconcile(Sides.Side("backtest", [BacktestTrade]), Sides.Side("paper", paper));

        var pair = Assert.Single(r.Pairs);
        Assert.Equal((1m, 8.69m), (pair.Paper.Quantity, pair.Paper.NetPnl));
        Assert.False(pair.Paper.Exit!.IsPartial);
        Assert.Equal(-0.70m, pair.Causes.Single(c => c.Cause == DifferenceCause.Latency).Amount);
        Assert.Equal(0m, pair.Causes.Single(c => c.Cause == DifferenceCause.Rounding).Amount);
    }

    [Fact]
    public void Reconcile_SignalPriceDiffers_DifferentQuoteNotLatency()
    {
        // The paper bar closed at 100.30 instead of 100 (other data); its quote's mid moved on from there by 0.20.
        var paper = PaperTrade with { Entry = PaperTrade.Entry! with { SignalPrice = 100.30m } };

        var pair = Assert.Single(Reconciler.Reconcile(Sides.Side("backtest", [BacktestTrade]), Sides.Side("paper", [paper])).Pairs);

        Assert.Equal(new PriceDifference(0.20m, 0.30m, 0m, 0.05m), pair.Entry);
    }

    [Fact]
    public void Reconcile_ManyRandomPairs_CausesSumExactlyAndCentsToTheRoundedDifference()
    {
        var random = new Random(12);
        decimal Price() => 100m + (random.Next(-5000, 5000) / 1000m);
        List<ComparedTrade> Trades(int count, bool paperSide) => [.. Enumerable.Range(0, count).Select(i =>
        {
            var q = random.Next(1, 2000) / 1000m;
            var (e, x) = (Price(), Price());
            var fees = random.Next(0, 500) / 10_000m;
            var gross = Math.Round((x - e) * q, 10);
            var entry = Sides.Fill(e - 0.05m, e + 0.05m, e + (random.Next(0, 30) / 1000m), 100m, q, paperSide && i % 3 == 0 ? q + 0.5m : q);
            var exit = Sides.Fill(x - 0.07m, x + 0.07m, x - (random.Next(0, 30) / 1000m), 101m, q, buy: false);
            return Sides.Trade(Sides.Key(i), gross - fees, fees, q, entry.Price, exit.Price, entry, exit) with { GrossPnl = gross };
        })];

        var r = Reconciler.Reconcile(Sides.Side("backtest", Trades(40, false)), Sides.Side("paper", Trades(37, true)));

        Assert.Equal(37, r.Pairs.Count);
        Assert.All(r.Pairs, p => Assert.Equal(p.NetDifference, p.Causes.Sum(c => c.Amount)));
        Assert.Equal(r.Bridge.Difference, r.Bridge.Steps.Sum(s => s.Amount));
        Assert.Equal(r.Bridge.DifferenceCents, r.Bridge.Steps.Sum(s => s.Cents));
    }

    [Fact]
    public void Reconcile_NetsThatRoundApart_StepsInCentsJoinThePrintedEnds()
    {
        // 0.004 → 0.006: exactly 0.002 apart, but printed 0.00 → 0.01, so the one step prints as 0.01.
        var r = Reconciler.Reconcile(Sides.Side("backtest", [Sides.Trade(Sides.Key(4), 0.004m)]), Sides.Side("paper", [Sides.Trade(Sides.Key(4), 0.006m)]));

        Assert.Equal((0.00m, 0.01m, 0.01m), (r.Bridge.BacktestCents, r.Bridge.PaperCents, r.Bridge.DifferenceCents));
        Assert.Equal((DifferenceCause.DifferentQuote, 0.002m, 0.01m), r.Bridge.Steps.Select(s => (s.Cause, s.Amount, s.Cents)).Single());
    }

    [Fact]
    public void Allocate_ThreeHalfCents_CentsSumToTheRoundedTotal()
    {
        Assert.Equal([0.00m, 0.01m, 0.01m], CentAllocation.Allocate([0.005m, 0.005m, 0.005m]));
        Assert.Equal([-1.23m, 4.56m], CentAllocation.Allocate([-1.234m, 4.561m]));
    }

    [Fact]
    public void Normalize_PaperAndBacktestSpellings_SameKey()
    {
        Assert.Equal("BTC/USDT:2026-11-28T08:00:00Z", SignalKeys.Normalize("session:12:BTC/USDT:2026-11-28T08:00:00Z"));
        Assert.Equal("BTC/USDT:2026-11-28T08:00:00Z", SignalKeys.Normalize("BTC/USDT:2026-11-28T08:00:00.0000000+00:00"));
        Assert.Equal("BTC/USDT:2026-11-28T08:00:00Z", SignalKeys.Normalize("BTC/USDT:2026-11-28T09:00:00+01:00"));
        Assert.Null(SignalKeys.Normalize("session:12:stop:BTC/USDT"));
        Assert.Null(SignalKeys.Normalize("my-own-key"));
        Assert.Null(SignalKeys.Normalize(null));
    }
}
