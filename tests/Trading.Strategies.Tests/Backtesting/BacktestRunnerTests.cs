using System.Text.Json;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Risk.Limits;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Tests.Backtesting;

public sealed class BacktestRunnerTests
{
    private static (BacktestSummary Summary, BacktestRecording Recording) Run(
        IEnumerable<MarketEvent>? quotes = null, BacktestSettings? settings = null, string? strategy = null)
    {
        var recording = new BacktestRecording();
        var logic = StrategyEvaluator.Create(BacktestData.Config(strategy ?? BacktestData.Strategy()));
        var summary = new BacktestRunner(settings ?? BacktestData.Settings(), logic, recording).Run(quotes ?? BacktestData.Quotes());
        return (summary, recording);
    }

    [Fact]
    public void Run_RsiPath_BuysAndClosesAtTheFirstQuoteAfterTheSignalBarsClose()
    {
        var (summary, recording) = Run();

        Assert.Equal([DecisionStatus.Executed, DecisionStatus.Executed], recording.Decisions.Select(d => d.Status));
        Assert.Equal(["BTC/USDT:2026-01-06T08:00:00Z", "BTC/USDT:2026-01-08T08:00:00Z"], recording.Decisions.Select(d => d.SignalKey));
        var entry = recording.Fills[0];
        var exit = recording.Fills[1];
        Assert.Equal(BacktestData.OpenOf(BacktestData.EntryBar + 1), entry.DecidedAt);
        Assert.Equal(BacktestData.OpenOf(BacktestData.EntryBar + 1) + TimeSpan.FromSeconds(1), entry.Executed.Fill.Quote.Time);
        Assert.Equal(97.35m, entry.Executed.Fill.Price); // the ask of the first quote after the close, not the close 97
        Assert.Equal(109.15m, exit.Executed.Fill.Price); // the bid of the first quote after bar 43 closed
        var trade = Assert.Single(recording.Trades);
        Assert.Equal("BTC/USDT:2026-01-06T08:00:00Z", trade.EntrySignalKey);
        Assert.Equal("BTC/USDT:2026-01-08T08:00:00Z", trade.SignalKey);
        Assert.Equal(summary.FinalCash, summary.FinalEquity);
        Assert.Equal(summary.InitialCapital + trade.Trade.NetPnl, summary.FinalCash);
        Assert.Equal(BacktestData.Bars * BacktestData.QuotesPerBar, summary.Events);
    }

    [Fact]
    public void Run_Rsi14_CountsTheFourteenBarsBeforeItIsDefinedAsWarmUp()
    {
        var (summary, _) = Run();

        Assert.Equal(14, summary.WarmUpBars);
        Assert.Equal(BacktestData.Bars - 1, summary.Bars); // the last bar never closes: no quote after it
        Assert.Equal(0, summary.LeadInBars);
    }

    [Fact]
    public void Run_ActFromAfterTheEntrySignal_OnlyWarmsUpOnThoseBars()
    {
        var (summary, recording) = Run(settings: BacktestData.Settings(actFrom: BacktestData.OpenOf(BacktestData.EntryBar + 1)));

        Assert.Empty(recording.Fills);
        Assert.Equal(BacktestData.EntryBar + 1, summary.LeadInBars);
    }

    [Fact]
    public void Run_LatencyPastTheFirstQuote_FillsAtTheNextQuote()
    {
        var (_, recording) = Run(settings: BacktestData.Settings(latency: TimeSpan.FromMinutes(30)));

        Assert.Equal(BacktestData.OpenOf(BacktestData.EntryBar + 1) + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1),
            recording.Fills[0].Executed.Fill.Quote.Time);
    }

    [Fact]
    public void Run_StopLossTouched_TheRestingBracketExitsAtTheStopQuote()
    {
        // After the entry (bar 32's first quote, ask 97.35) the price drops to 90 on bar 33's third quote: the 5 % stop
        // (92.48, down to the tick) triggers there and sells at that quote's bid.
        var quotes = BacktestData.Quotes(price: (bar, k) => bar == 33 && k == 3 ? 90m : BacktestData.Close(bar));
        var (_, recording) = Run(quotes);

        var exit = recording.Fills[1];
        Assert.Equal(BacktestData.OpenOf(33) + TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1), exit.Executed.Fill.Quote.Time);
        Assert.Equal(89.9m, exit.Executed.Fill.Price);
        Assert.Equal("BTC/USDT:2026-01-06T08:00:00Z", exit.SignalKey); // a bracket exit carries its entry's signal
        Assert.Equal(OrderSide.Sell, exit.Executed.Side);
        var trade = Assert.Single(recording.Trades);
        Assert.True(trade.Trade.NetPnl < 0m);
    }

    [Fact]
    public void Run_SameInputsTwice_ByteIdenticalResults()
    {
        var quotes = BacktestData.Quotes(price: (bar, k) => bar == 33 && k == 3 ? 90m : BacktestData.Close(bar) + (k * 0.37m)).ToList();
        var first = Run(quotes);
        var second = Run(quotes);

        Assert.Equal(Serialize(first), Serialize(second));
        Assert.NotEmpty(first.Recording.Fills);
    }

    [Fact]
    public void Run_QuotesOutOfTimeOrder_RefusedNamingTheQuote()
    {
        var quotes = BacktestData.Quotes().ToList();
        (quotes[10], quotes[11]) = (quotes[11], quotes[10]);

        var error = Assert.Throws<BacktestDataException>(() => Run(quotes));

        Assert.Contains("time order", error.Message, StringComparison.Ordinal);
        Assert.Contains("event 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OtherSymbolsInTheStream_CountedAndIgnored()
    {
        var quotes = BacktestData.Quotes().SelectMany(e => new[]
        {
            e, new MarketEvent(new Quote("ETH/USDT", e.Quote.Time, 10m, 10.1m, null), null),
        });
        var (summary, recording) = Run(quotes);

        Assert.Equal(2 * BacktestData.Bars * BacktestData.QuotesPerBar, summary.Events);
        Assert.Equal(2, recording.Fills.Count);
    }

    [Fact]
    public void Run_AccountRiskLimitOnOrderNotional_EntryRejectedAsOnPaper()
    {
        var settings = BacktestData.Settings() with { RiskLimits = [new RiskLimit(RiskLimitKind.MaxOrderNotional, 100m)] };

        var (summary, recording) = Run(settings: settings);

        var entry = Assert.Single(recording.Decisions);
        Assert.Equal(DecisionStatus.Rejected, entry.Status);
        Assert.Contains("notional", entry.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(recording.Fills);
        Assert.Equal(summary.InitialCapital, summary.FinalEquity);
    }

    private static string Serialize((BacktestSummary Summary, BacktestRecording Recording) run) =>
        JsonSerializer.Serialize(new { run.Summary, run.Recording.Decisions, run.Recording.Fills, run.Recording.Trades, run.Recording.EquityCurve });
}
