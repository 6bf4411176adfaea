using Trading.Engine.Primitives;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;
using Trading.Strategies.Tests.Config;

namespace Trading.Strategies.Tests.Evaluation;

public class StrategyEvaluatorTests
{
    // RSI(14) path, worked by hand in fractions (Wilder's smoothing, avg = (prev × 13 + x)/14):
    // bars 1-15 close 100, 101, ..., 114: 14 gains of 1 → avgGain 1, avgLoss 0 → RSI 100 at bar 15.
    // bar 16 close 104 (−10): G = 13/14 = 0.9286, L = 10/14 = 0.7143 → RSI 56.52
    // bar 17 close 94 (−10):  G = 0.8622, L = (0.7143×13 + 10)/14 = 1.3776 → RSI 38.50
    // bar 18 close 84 (−10):  G = 0.8007, L = 1.9934 → RSI 100 × 0.8007/2.7941 = 28.66 < 30 → BUY here (index 17)
    // bar 19 close 94 (+10):  G = 1.4578, L = 1.8511 → RSI 44.06
    // bar 20 104: 54.61; bar 21 114: 62.27; bar 22 124: 68.08; bar 23 134: G 3.6491, L 1.3762 → RSI 72.61 > 70 → CLOSE (index 22)
    private static readonly decimal[] RsiPath =
        [.. Enumerable.Range(100, 15).Select(i => (decimal)i), 104m, 94m, 84m, 94m, 104m, 114m, 124m, 134m];

    [Fact]
    public void OnBar_SeedRsiBounce_OneBuyWhereRsiFallsBelowThirtyAndCloseAboveSeventy()
    {
        var signals = RunRsiBounce();

        Assert.Equal([17, 22], signals.Select(s => s.Index));
        var buy = signals[0].Signal;
        Assert.Equal(DecisionAction.Buy, buy.Action);
        Assert.True(buy.IsEntry);
        Assert.Equal(5m, buy.StopLossPct);
        Assert.Equal(15m, buy.TakeProfitPct);
        Assert.Null(buy.TrailingStopPct);
        Assert.Equal(0.8m, buy.Confidence);
        Assert.Null(buy.RiskScore);
        Assert.Null(buy.Quantity);
        Assert.Equal(TestBars.Close(17, 84m).CloseTime, buy.BarClose);
        Assert.Equal("rsi_bounce_paper: entry long on BTC/USDT 4h bar closing 2026-01-04T00:00Z: rsi.value 28.66 lt 30 (close 84)", buy.Reasoning);

        var close = signals[1].Signal;
        Assert.Equal(DecisionAction.Close, close.Action);
        Assert.False(close.IsEntry);
        Assert.Null(close.StopLossPct);
        Assert.Equal("rsi_bounce_paper: exit long on BTC/USDT 4h bar closing 2026-01-04T20:00Z: rsi.value 72.61 gt 70 (close 134)", close.Reasoning);
    }

    [Fact]
    public void OnBar_SameInputTwice_SameSignals()
    {
        Assert.Equal(RunRsiBounce(), RunRsiBounce());
    }

    [Fact]
    public void OnBar_WarmUp_NoSignalBeforeIndicatorDefined()
    {
        // A price rule that always holds still waits for the sma(3) to be defined: bar index 2 is the first signal.
        var evaluator = Evaluator(AlwaysLong(3, "\"stop_loss_pct\": 5"));

        var firstSignals = TestBars.FromCloses(10m, 11m, 12m).Select(b => evaluator.OnBar(b, StrategyPosition.Flat).Count).ToArray();

        Assert.Equal([0, 0, 1], firstSignals);
        Assert.Equal(3, evaluator.Config.WarmUpBars);
    }

    [Fact]
    public void OnBar_CooldownTwoBars_NoEntryOnTheTwoBarsAfterAnExit()
    {
        var evaluator = Evaluator(AlwaysLong(1, "\"stop_loss_pct\": 5, \"cooldown_bars\": 2"));
        var bars = TestBars.FromCloses(10m, 10m, 10m, 10m, 10m);

        // The exit filled a second after bar 0 closed: bars 1 and 2 are the cool-down, bar 3 may enter again.
        var afterExit = new StrategyPosition(null, 0m, null, bars[0].CloseTime.AddSeconds(1));
        var counts = bars.Skip(1).Select(b => evaluator.OnBar(b, afterExit).Count).ToArray();

        Assert.Equal([0, 0, 1, 1], counts);
    }

    [Fact]
    public void OnBar_MaxBarsInTrade_CloseOnTheThirdBarHeld()
    {
        var evaluator = Evaluator(AlwaysLong(1, "\"max_bars_in_trade\": 3"));
        var bars = TestBars.FromCloses(10m, 10m, 10m, 10m);
        var held = new StrategyPosition(PositionSide.Long, 1m, bars[0].CloseTime.AddSeconds(1), null);

        var signals = bars.Skip(1).Select(b => evaluator.OnBar(b, held)).ToArray();

        Assert.Empty(signals[0]);
        Assert.Empty(signals[1]);
        var close = Assert.Single(signals[2]);
        Assert.Equal(DecisionAction.Close, close.Action);
        Assert.Equal("t: exit long on BTC/USDT 4h bar closing 2026-01-01T16:00Z: held 3 bars, max_bars_in_trade 3 (close 10)", close.Reasoning);
    }

    [Fact]
    public void OnBar_CrossesAbove_OnlyOnTheCrossingBar()
    {
        // fast = sma(1) = close, slow = sma(2). bar 1: 9 vs 9.5; bar 2: 8 vs 8.5; bar 3: 10 vs 9 → crossed (8 ≤ 8.5, 10 > 9);
        // bar 4: 11 vs 10.5 — above, but it was already above: no new cross.
        var evaluator = Evaluator("""
            "indicators": [{"name": "sma", "id": "fast", "params": {"period": 1}}, {"name": "sma", "id": "slow", "params": {"period": 2}}],
            "entry_conditions": [{"indicator": "fast", "operator": "crosses_above", "value": {"indicator": "slow"}}],
            "direction": "long", "stop_loss_pct": 5
            """);

        var counts = TestBars.FromCloses(10m, 9m, 8m, 10m, 11m).Select(b => evaluator.OnBar(b, StrategyPosition.Flat).Count).ToArray();

        Assert.Equal([0, 0, 0, 1, 0], counts);
        Assert.Equal(3, evaluator.Config.WarmUpBars);
    }

    [Fact]
    public void OnBar_DirectionShort_SellOnEntryCloseOnExit()
    {
        var evaluator = Evaluator(CrossRules("\"direction\": \"short\"", "crosses_below", "crosses_above"));
        var bars = TestBars.FromCloses(10m, 11m, 9m, 12m);

        Assert.Empty(evaluator.OnBar(bars[0], StrategyPosition.Flat));
        Assert.Empty(evaluator.OnBar(bars[1], StrategyPosition.Flat));
        var sell = Assert.Single(evaluator.OnBar(bars[2], StrategyPosition.Flat)); // 9 < 10 after 11 ≥ 10.5
        var shortHeld = new StrategyPosition(PositionSide.Short, 1m, bars[2].CloseTime, null);
        var close = Assert.Single(evaluator.OnBar(bars[3], shortHeld)); // 12 > 10.5 after 9 ≤ 10

        Assert.Equal(DecisionAction.Sell, sell.Action);
        Assert.True(sell.IsEntry);
        Assert.StartsWith("t: entry short on BTC/USDT", sell.Reasoning, StringComparison.Ordinal);
        Assert.Equal(DecisionAction.Close, close.Action);
        Assert.StartsWith("t: exit short on BTC/USDT", close.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public void OnBar_DirectionBoth_BuyOnCrossUpSellOnCrossDown()
    {
        var evaluator = Evaluator(CrossRules(
            """
            "direction": "both",
            "short_entry_conditions": [{"indicator": "fast", "operator": "crosses_below", "value": {"indicator": "slow"}}],
            "short_exit_conditions": [{"indicator": "fast", "operator": "crosses_above", "value": {"indicator": "slow"}}]
            """,
            "crosses_above",
            "crosses_below"));

        var actions = TestBars.FromCloses(10m, 9m, 11m, 8m)
            .Select(b => evaluator.OnBar(b, StrategyPosition.Flat).SingleOrDefault()?.Action)
            .ToArray();

        Assert.Equal([null, null, DecisionAction.Buy, DecisionAction.Sell], actions);
    }

    [Fact]
    public void OnBar_LongStrategyHoldingShort_LeavesItAlone()
    {
        var evaluator = Evaluator(CrossRules("\"direction\": \"long\"", "crosses_above", "crosses_below"));
        var shortHeld = new StrategyPosition(PositionSide.Short, 1m, TestBars.Start, null);

        var counts = TestBars.FromCloses(10m, 11m, 9m).Select(b => evaluator.OnBar(b, shortHeld).Count).ToArray();

        Assert.Equal([0, 0, 0], counts);
    }

    [Fact]
    public void OnBar_ReplayedLastBar_Ignored()
    {
        var evaluator = StrategyEvaluator.Create(StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!);
        var bars = TestBars.FromCloses(RsiPath);
        for (var i = 0; i <= 17; i++)
        {
            evaluator.OnBar(bars[i], StrategyPosition.Flat);
        }

        Assert.Empty(evaluator.OnBar(bars[17], StrategyPosition.Flat));
    }

    [Fact]
    public void OnBar_OlderBar_Throws()
    {
        var evaluator = StrategyEvaluator.Create(StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!);
        evaluator.OnBar(TestBars.Close(1, 10m), StrategyPosition.Flat);

        Assert.Throws<ArgumentException>(() => evaluator.OnBar(TestBars.Close(0, 10m), StrategyPosition.Flat));
        Assert.Throws<ArgumentException>(() => evaluator.OnBar(TestBars.Close(1, 11m), StrategyPosition.Flat));
    }

    [Fact]
    public void OnBar_OtherSymbol_Ignored()
    {
        var evaluator = StrategyEvaluator.Create(StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!);

        Assert.Empty(evaluator.OnBar(TestBars.Close(0, 10m) with { Symbol = "ETH/USDT" }, StrategyPosition.Flat));
    }

    [Fact]
    public void OnBar_OtherTimeframe_Throws()
    {
        var evaluator = StrategyEvaluator.Create(StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!);

        Assert.Throws<ArgumentException>(() => evaluator.OnBar(TestBars.Close(0, 10m) with { Timeframe = TimeSpan.FromHours(1) }, StrategyPosition.Flat));
    }

    /// <summary>The seed's strategy over <see cref="RsiPath"/>, holding from each BUY until the CLOSE, as a venue would report.</summary>
    private static List<(int Index, StrategySignal Signal)> RunRsiBounce()
    {
        var evaluator = StrategyEvaluator.Create(StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!);
        var position = StrategyPosition.Flat;
        var signals = new List<(int, StrategySignal)>();
        var bars = TestBars.FromCloses(RsiPath);
        for (var i = 0; i < bars.Length; i++)
        {
            foreach (var signal in evaluator.OnBar(bars[i], position))
            {
                signals.Add((i, signal));
                position = signal.IsEntry
                    ? new StrategyPosition(PositionSide.Long, 1m, signal.BarClose, null)
                    : new StrategyPosition(null, 0m, null, signal.BarClose);
            }
        }

        return signals;
    }

    /// <summary>A long strategy whose entry always holds (close &gt; 0) once sma(<paramref name="period"/>) is defined.</summary>
    private static string AlwaysLong(int period, string options) => $$$"""
        "indicators": [{"name": "sma", "params": {"period": {{{period}}}}}],
        "entry_conditions": [{"indicator": "price", "field": "close", "operator": "gt", "value": 0}],
        "direction": "long", {{{options}}}
        """;

    /// <summary>fast = sma(1) (the close) against slow = sma(2), entry and exit by the given crossings.</summary>
    private static string CrossRules(string direction, string entry, string exit) => $$$"""
        "indicators": [{"name": "sma", "id": "fast", "params": {"period": 1}}, {"name": "sma", "id": "slow", "params": {"period": 2}}],
        "entry_conditions": [{"indicator": "fast", "operator": "{{{entry}}}", "value": {"indicator": "slow"}}],
        "exit_conditions": [{"indicator": "fast", "operator": "{{{exit}}}", "value": {"indicator": "slow"}}],
        {{{direction}}}
        """;

    private static StrategyEvaluator Evaluator(string body)
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With(body));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return StrategyEvaluator.Create(result.Config!);
    }
}
