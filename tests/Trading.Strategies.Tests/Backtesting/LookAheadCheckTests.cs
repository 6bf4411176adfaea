using Trading.Engine.Primitives;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Bars;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Tests.Backtesting;

public sealed class LookAheadCheckTests
{
    private static readonly StrategyConfig Config = BacktestData.Config(BacktestData.Strategy());

    private static IEnumerable<MarketEvent> Data(DateTimeOffset? cut) =>
        cut is { } before ? BacktestData.Quotes().Where(e => e.Quote.Time < before) : BacktestData.Quotes();

    [Fact]
    public void Run_HonestRsiStrategy_NothingFlagged()
    {
        var report = LookAheadCheck.Run(BacktestData.Settings(), _ => StrategyEvaluator.Create(Config), Data);

        Assert.Equal(2, report.Signals);
        Assert.Equal(2, report.Checked);
        Assert.True(report.Clean, string.Join("; ", report.Flagged));
    }

    [Fact]
    public void Run_StrategyPeekingAtTheNextBar_EverySignalFlagged()
    {
        var report = LookAheadCheck.Run(BacktestData.Settings(), data => new NextBarPeeker(Config, data), Data);

        Assert.True(report.Signals > 2);
        Assert.Equal(report.Checked, report.Flagged.Count);
        Assert.All(report.Flagged, f => Assert.Null(f.OnCutData));
    }

    [Fact]
    public void Run_MoreSignalsThanTheSample_ChecksAnEvenSpread()
    {
        var report = LookAheadCheck.Run(BacktestData.Settings(), data => new NextBarPeeker(Config, data), Data, maxSignals: 3);

        Assert.Equal(3, report.Checked);
        Assert.Equal(3, report.Flagged.Count);
    }

    /// <summary>
    /// Cheats the way a vectorised strategy does with a negative shift: it reads the data it is given and buys when the
    /// next bar will close higher, closes when it will close lower. Its "indicator" is always defined.
    /// </summary>
    private sealed class NextBarPeeker(StrategyConfig config, IEnumerable<MarketEvent> data) : IStrategyLogic
    {
        private readonly List<MarketEvent> future = [.. data];

        public StrategyConfig Config => config;

        public bool IsReady(string symbol) => true;

        public IReadOnlyList<StrategySignal> OnBar(Bar bar, StrategyPosition position)
        {
            var nextClose = future.LastOrDefault(e => e.Quote.Time < bar.CloseTime + bar.Timeframe).Quote;
            if (nextClose is null || nextClose.Time < bar.CloseTime)
            {
                return [];
            }

            var rising = nextClose.Last > bar.Close;
            var action = position.IsFlat ? (rising ? DecisionAction.Buy : (DecisionAction?)null) : (rising ? null : DecisionAction.Close);
            return action is { } a
                ? [new StrategySignal(bar.Symbol, bar.CloseTime, a, a == DecisionAction.Buy, 1m, null, null, 1000m, null, null, null, $"next close {nextClose.Last}")]
                : [];
        }
    }
}
