using Trading.Engine.Primitives;
using Trading.Strategies.Bars;
using Trading.Strategies.Conditions;
using Trading.Strategies.Config;

namespace Trading.Strategies.Evaluation;

/// <summary>
/// One running strategy: its indicators' state per symbol. Feed it every closed bar of its timeframe, in time order per
/// symbol, with the position the venue reports; it returns what to do on that bar. Deterministic: the same bars and
/// positions give the same signals, in paper and in a backtest. Replaying stored bars rebuilds the state after a
/// restart (the caller discards the signals of bars it already acted on).
/// </summary>
/// <remarks>
/// Rules, per bar: nothing until every indicator is defined. Flat: unless in cool-down (the <c>cooldown_bars</c> bars
/// that close after <see cref="StrategyPosition.LastExitAt"/>), the entry conditions of each traded side are evaluated; a
/// long entry gives BUY, a short entry SELL, both at once give nothing (the rules contradict each other). Holding: the
/// held side's exit conditions, and <c>max_bars_in_trade</c> counted in bars closed since
/// <see cref="StrategyPosition.OpenedAt"/>, give CLOSE. At most one signal per symbol per bar.
/// </remarks>
public sealed class StrategyEvaluator : Backtesting.IStrategyLogic
{
    private readonly Dictionary<string, SymbolState> _symbols = new(StringComparer.Ordinal);

    private StrategyEvaluator(StrategyConfig config)
    {
        Config = config;
    }

    public StrategyConfig Config { get; }

    public static StrategyEvaluator Create(StrategyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new StrategyEvaluator(config);
    }

    /// <summary>
    /// Takes one closed bar. Bars of symbols the config does not list are ignored; an exact repeat of a symbol's last bar
    /// is ignored (a restart may replay it); an older bar, a different bar for the same time, a bar of another timeframe
    /// or a malformed bar throw <see cref="ArgumentException"/>.
    /// </summary>
    public IReadOnlyList<StrategySignal> OnBar(Bar bar, StrategyPosition position)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(position);
        if (!Config.Symbols.Contains(bar.Symbol, StringComparer.Ordinal))
        {
            return [];
        }

        CheckShape(bar);
        if (!_symbols.TryGetValue(bar.Symbol, out var state))
        {
            state = new SymbolState(Config.Indicators);
            _symbols.Add(bar.Symbol, state);
        }

        if (state.LastBar is { } last)
        {
            if (bar == last)
            {
                return [];
            }

            if (bar.OpenTime <= last.OpenTime)
            {
                throw new ArgumentException(
                    $"{bar.Symbol}: the bar opening {bar.OpenTime:O} does not follow the last one taken ({last.OpenTime:O}); bars must come in time order, once each.",
                    nameof(bar));
            }
        }

        var frame = state.Advance(bar);
        var previous = state.PreviousFrame;
        state.Remember(frame);
        if (frame is null)
        {
            return [];
        }

        var signal = position.IsFlat ? Enter(frame, previous, position) : Exit(frame, previous, position);
        return signal is null ? [] : [signal];
    }

    /// <summary>Whether the last bar of <paramref name="symbol"/> had every indicator defined.</summary>
    public bool IsReady(string symbol) => _symbols.TryGetValue(symbol, out var state) && state.PreviousFrame is not null;

    private StrategySignal? Enter(BarFrame frame, BarFrame? previous, StrategyPosition position)
    {
        if (Config.CooldownBars > 0 && position.LastExitAt is { } exitedAt && BarsClosedSince(exitedAt, frame.Bar) <= Config.CooldownBars)
        {
            return null;
        }

        var longReasons = Fired(Config.LongEntry, frame, previous);
        var shortReasons = Fired(Config.ShortEntry, frame, previous);
        if ((longReasons is null) == (shortReasons is null))
        {
            return null;
        }

        var (action, side, reasons) = longReasons is not null
            ? (DecisionAction.Buy, "long", longReasons)
            : (DecisionAction.Sell, "short", shortReasons!);
        var sizing = Config.Sizing;
        return new StrategySignal(
            frame.Bar.Symbol,
            frame.Bar.CloseTime,
            action,
            IsEntry: true,
            sizing.Confidence,
            sizing.RiskScore,
            sizing.Quantity,
            sizing.Notional,
            Config.StopLossPct,
            Config.TakeProfitPct,
            Config.TrailingStopPct,
            Reasoning("entry", side, frame.Bar, reasons));
    }

    private StrategySignal? Exit(BarFrame frame, BarFrame? previous, StrategyPosition position)
    {
        var isLong = position.Side == PositionSide.Long;
        if (!(isLong ? Config.TradesLong : Config.TradesShort))
        {
            return null; // a position this strategy would never open is someone else's to manage
        }

        var reasons = Fired(isLong ? Config.LongExit : Config.ShortExit, frame, previous) ?? [];
        if (Config.MaxBarsInTrade is { } maxBars && position.OpenedAt is { } openedAt)
        {
            var held = BarsClosedSince(openedAt, frame.Bar);
            if (held >= maxBars)
            {
                reasons.Add($"held {held} bars, max_bars_in_trade {maxBars}");
            }
        }

        if (reasons.Count == 0)
        {
            return null;
        }

        return new StrategySignal(
            frame.Bar.Symbol,
            frame.Bar.CloseTime,
            DecisionAction.Close,
            IsEntry: false,
            Config.Sizing.Confidence,
            Config.Sizing.RiskScore,
            Quantity: null,
            Notional: null,
            StopLossPct: null,
            TakeProfitPct: null,
            TrailingStopPct: null,
            Reasoning("exit", isLong ? "long" : "short", frame.Bar, reasons));
    }

    /// <summary>The comparisons that made <paramref name="condition"/> true, or null when it is absent or false.</summary>
    private static List<string>? Fired(Condition? condition, BarFrame frame, BarFrame? previous)
    {
        if (condition is null)
        {
            return null;
        }

        var fired = new List<string>();
        return ConditionEvaluator.Evaluate(condition, frame, previous, fired) ? fired : null;
    }

    private string Reasoning(string what, string side, Bar bar, List<string> reasons) =>
        $"{Config.Name}: {what} {side} on {ReasonFormat.BarName(bar, Config.TimeframeName)}: {string.Join("; ", reasons)} (close {ReasonFormat.Price(bar.Close)})";

    /// <summary>
    /// Bars of the timeframe that have closed after <paramref name="instant"/>, this one included: an entry filled just
    /// after bar N closes has been held 1 bar when bar N+1 closes. Counted by time, so a gap in the bars still counts.
    /// </summary>
    private long BarsClosedSince(DateTimeOffset instant, Bar bar)
    {
        var elapsed = (bar.CloseTime - instant).Ticks;
        var length = Config.Timeframe.Ticks;
        return elapsed <= 0 ? 0 : (elapsed + length - 1) / length;
    }

    private void CheckShape(Bar bar)
    {
        if (bar.Timeframe != Config.Timeframe)
        {
            throw new ArgumentException($"{bar.Symbol}: a {bar.Timeframe} bar reached a {Config.TimeframeName} strategy.", nameof(bar));
        }

        if (bar.Open <= 0m || bar.Close <= 0m || bar.Low <= 0m || bar.Volume < 0m
            || bar.High < Math.Max(bar.Open, bar.Close) || bar.Low > Math.Min(bar.Open, bar.Close))
        {
            throw new ArgumentException(
                $"{bar.Symbol} bar opening {bar.OpenTime:O} is malformed (prices must be positive, low ≤ open, close ≤ high, volume ≥ 0).",
                nameof(bar));
        }
    }
}
