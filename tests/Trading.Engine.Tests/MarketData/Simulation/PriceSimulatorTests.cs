using Trading.Engine.MarketData;
using Trading.Engine.MarketData.Simulation;

namespace Trading.Engine.Tests.MarketData.Simulation;

public class PriceSimulatorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<Quote> Run(ulong seed, int steps, IReadOnlyList<PathSettings>? settings = null)
    {
        var simulator = new PriceSimulator(settings ?? SimulationDefaults.Symbols, seed);
        var quotes = new List<Quote>();
        for (var i = 0; i < steps; i++)
        {
            quotes.AddRange(simulator.Step(T0.AddSeconds(i)));
        }

        return quotes;
    }

    [Fact]
    public void Step_SameSeed_GivesIdenticalQuotes()
    {
        var first = Run(7, 500);
        var second = Run(7, 500);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Step_DifferentSeed_GivesDifferentQuotes()
    {
        var first = Run(7, 50);
        var second = Run(8, 50);

        Assert.NotEqual(first.Select(q => q.Bid), second.Select(q => q.Bid));
    }

    [Fact]
    public void Step_FirstCall_QuotesAroundStartPrice()
    {
        var quotes = Run(1, 1);

        Assert.Equal(64_993.50m, quotes[0].Bid);
        Assert.Equal(65_006.50m, quotes[0].Ask);
        Assert.Equal(65_000.00m, quotes[0].Last);
    }

    [Fact]
    public void Step_ManySteps_BidBelowAskPositiveAndOnTick()
    {
        var settings = SimulationDefaults.Symbols
            .Select(s => s with { Regimes = RegimeSettings.CalmAndStressed, Jumps = new JumpSettings(500m, 0m, 0.02m) })
            .ToList();

        foreach (var quote in Run(42, 5_000, settings))
        {
            Assert.True(quote.Bid > 0m);
            Assert.True(quote.Bid < quote.Ask, $"{quote.Symbol} {quote.Time:O}: {quote.Bid} !< {quote.Ask}");
            Assert.Equal(0m, quote.Bid!.Value % 0.01m);
            Assert.Equal(0m, quote.Ask!.Value % 0.01m);
            Assert.Equal(0m, quote.Last!.Value % 0.01m);
            Assert.True(quote.BidSize > 0m && quote.AskSize > 0m);
        }
    }

    [Fact]
    public void Step_AddingASymbol_KeepsOtherPathsUnchanged()
    {
        var btcOnly = Run(3, 100, [SimulationDefaults.For("BTC/USDT")]);
        var all = Run(3, 100).Where(q => q.Symbol == "BTC/USDT").ToList();

        Assert.Equal(btcOnly, all);
    }

    [Fact]
    public void Step_TimeNotMovingForward_Throws()
    {
        var simulator = new PriceSimulator(SimulationDefaults.Symbols, 1);
        simulator.Step(T0);

        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Step(T0));
    }

    [Fact]
    public void Step_OneYearOfDailySteps_VolatilityNearSetting()
    {
        // Log-returns of a 60%-volatility path over 2,000 daily steps: the sample volatility lands near 0.6.
        var simulator = new PriceSimulator([new PathSettings("X", 1_000_000m, 0m, 0.6m, 0.0001m, 1m)], 11);
        var mids = new List<decimal>();
        for (var i = 0; i < 2_000; i++)
        {
            mids.Add(simulator.Step(T0.AddDays(i))[0].Mid!.Value);
        }

        var returns = mids.Zip(mids.Skip(1), (a, b) => DecimalMath.Ln(b / a)).ToList();
        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1);
        var annualised = DecimalMath.Sqrt(variance * 365.25m);

        Assert.InRange(annualised, 0.55m, 0.65m);
    }
}
