using System.Diagnostics;
using Trading.Engine.Execution;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// The backtest's speed on one core: an EMA(12)/EMA(26) crossing strategy with a 1 % stop and a 2 % target resting on
/// every entry, over 10 symbols of 1-minute bars, fed quotes generated on the fly (a seeded random walk of one tick per
/// quote, 10 quotes per symbol per second), so memory holds no history. Each length is timed three ways: generating the
/// quotes alone, the runner without the strategy's bars acted on (quotes, bars, indicators), and the full backtest.
/// </summary>
public static class BacktestBenchmark
{
    public const int Symbols = 10;

    private const string Strategy = """
        {
          "name": "bench_ema_cross",
          "symbols": ["B0/USDT", "B1/USDT", "B2/USDT", "B3/USDT", "B4/USDT", "B5/USDT", "B6/USDT", "B7/USDT", "B8/USDT", "B9/USDT"],
          "timeframe": "1m",
          "indicators": [
            {"name": "ema", "id": "fast", "params": {"period": 12}},
            {"name": "ema", "id": "slow", "params": {"period": 26}}
          ],
          "entry_conditions": [{"indicator": "fast", "field": "value", "operator": "crosses_above", "value": {"indicator": "slow", "field": "value"}}],
          "exit_conditions": [{"indicator": "fast", "field": "value", "operator": "crosses_below", "value": {"indicator": "slow", "field": "value"}}],
          "direction": "long",
          "stop_loss_pct": 1,
          "take_profit_pct": 2,
          "sizing": {"confidence": 0.8}
        }
        """;

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static BacktestBenchmarkFigures Run(long events, IProgress<long>? progress = null)
    {
        var config = StrategyConfigParser.Parse(Strategy).Config ?? throw new InvalidOperationException("the bench strategy is invalid");
        var settings = Settings(config);

        var clock = Stopwatch.StartNew();
        long generated = 0;
        foreach (var _ in Quotes(events))
        {
            generated++;
        }

        var generation = clock.Elapsed;

        // Bars and indicators only: every bar is lead-in (ActFrom after the end), so nothing is decided or filled.
        clock.Restart();
        new BacktestRunner(settings with { ActFrom = DateTimeOffset.MaxValue }, StrategyEvaluator.Create(config), new CountingSink()).Run(Quotes(events));
        var barsOnly = clock.Elapsed;

        var sink = new CountingSink();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        var summary = new BacktestRunner(settings, StrategyEvaluator.Create(config), sink).Run(Quotes(events), progress);
        var full = clock.Elapsed;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new BacktestBenchmarkFigures(
            events, generated, generation, barsOnly, full, summary, allocated, self.PeakWorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }

    private static BacktestSettings Settings(StrategyConfig config)
    {
        var account = new AccountConfig
        {
            AccountId = "bench",
            Currency = new Currency("USDT"),
            InitialCapital = 1_000_000m,
            FeeModel = new RateFeeModel(0.001m, 0m),
            SlippageModel = new SeedSlippageModel(0.0005m),
            FillModel = new MarketFillModel(),
            MaxPositionFraction = 0.1m,
        };
        var instruments = config.Symbols.ToDictionary(s => s, s => new InstrumentSpec(s, 0.01m, 0.0001m, 10m), StringComparer.Ordinal);
        return new BacktestSettings(account, instruments, TimeSpan.FromMilliseconds(1), Start);
    }

    /// <summary>Quotes of the 10 symbols in turn, 10 ms apart: a random walk of ±1 cent per quote from 100.00, a 1-cent spread.</summary>
    private static IEnumerable<MarketEvent> Quotes(long count)
    {
        var symbols = Enumerable.Range(0, Symbols).Select(i => $"B{i}/USDT").ToArray();
        var cents = Enumerable.Repeat(10_000L, Symbols).ToArray();
        var state = 0x9E3779B97F4A7C15UL;
        var time = Start;
        var step = TimeSpan.FromMilliseconds(10);
        for (long i = 0; i < count; i++)
        {
            var s = (int)(i % Symbols);
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            cents[s] = Math.Max(100, cents[s] + ((state & 1) == 0 ? -1 : 1));
            var bid = new decimal((int)cents[s], 0, 0, false, 2);
            var ask = new decimal((int)cents[s] + 1, 0, 0, false, 2);
            time += step;
            yield return new MarketEvent(new Quote(symbols[s], time, bid, ask, bid), 1m);
        }
    }

    private sealed class CountingSink : IBacktestSink
    {
        public void Decision(BacktestDecision decision)
        {
        }

        public void Fill(BacktestFill fill)
        {
        }

        public void Trade(BacktestTrade trade)
        {
        }

        public void Equity(EquityPoint point)
        {
        }
    }
}
