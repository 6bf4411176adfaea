using System.Globalization;
using Trading.Engine.Execution;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Config;

namespace Trading.Strategies.Tests.Backtesting;

/// <summary>
/// A 4h RSI(14) path known by hand (the closes of the session tests' RsiReplay): bars 0–14 rise from 100 to 114, 15–31
/// fall to 97 (RSI first below 30 at bar 31: BUY), 32–45 rise to 111 (RSI above 70 at bar 43: CLOSE). Each bar has
/// <see cref="QuotesPerBar"/> quotes, the last one at the bar's close price; quote k of bar i is at open + k·step + 1 s.
/// </summary>
internal static class BacktestData
{
    public const string Symbol = "BTC/USDT";
    public const int Bars = 46;
    public const int EntryBar = 31;
    public const int ExitBar = 43;
    public const int QuotesPerBar = 4;

    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Timeframe = TimeSpan.FromHours(4);

    public static string Strategy(decimal stopLossPct = 5, decimal takeProfitPct = 15) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {
          "name": "rsi_bounce_bt",
          "symbols": ["BTC/USDT"],
          "timeframe": "4h",
          "indicators": [{"name": "rsi", "params": {"period": 14}}],
          "entry_conditions": [{"indicator": "rsi", "field": "value", "operator": "lt", "value": 30}],
          "exit_conditions": [{"indicator": "rsi", "field": "value", "operator": "gt", "value": 70}],
          "direction": "long",
          "stop_loss_pct": {{{stopLossPct}}},
          "take_profit_pct": {{{takeProfitPct}}}
        }
        """);

    public static StrategyConfig Config(string json)
    {
        var validation = StrategyConfigParser.Parse(json);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        return validation.Config!;
    }

    public static decimal Close(int bar) => bar switch
    {
        <= 14 => 100 + bar,
        <= 31 => 114 - (bar - 14),
        _ => 97 + (bar - 31),
    };

    public static DateTimeOffset OpenOf(int bar) => Start + (Timeframe * bar);

    /// <summary>The quotes of every bar: prices step from the previous close to this close, ±0.1 spread around the last.</summary>
    public static IEnumerable<MarketEvent> Quotes(int bars = Bars, Func<int, int, decimal>? price = null)
    {
        var step = Timeframe / QuotesPerBar;
        for (var bar = 0; bar < bars; bar++)
        {
            var from = bar == 0 ? Close(0) : Close(bar - 1);
            for (var k = 1; k <= QuotesPerBar; k++)
            {
                var last = price?.Invoke(bar, k) ?? from + ((Close(bar) - from) * k / QuotesPerBar);
                var time = OpenOf(bar) + (step * (k - 1)) + TimeSpan.FromSeconds(1);
                yield return new MarketEvent(new Quote(Symbol, time, last - 0.1m, last + 0.1m, last), 1m);
            }
        }
    }

    public static AccountConfig Account(decimal capital = 10_000m) => new()
    {
        AccountId = "backtest",
        Currency = new Currency("USDT"),
        InitialCapital = capital,
        FeeModel = new RateFeeModel(0.001m, 1m),
        SlippageModel = new NoSlippage(),
        FillModel = new MarketFillModel(),
        StalenessBound = TimeSpan.FromHours(5),
    };

    public static BacktestSettings Settings(TimeSpan? latency = null, DateTimeOffset? actFrom = null) => new(
        Account(),
        new Dictionary<string, InstrumentSpec>(StringComparer.Ordinal) { [Symbol] = new InstrumentSpec(Symbol, 0.01m, 0.00001m, 10m) },
        latency ?? TimeSpan.FromMilliseconds(1),
        actFrom ?? DateTimeOffset.MinValue);
}
