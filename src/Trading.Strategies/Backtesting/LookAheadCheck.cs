namespace Trading.Strategies.Backtesting;

/// <summary>
/// A look-ahead check in the spirit of freqtrade's <c>lookahead-analysis</c>: the strategy is run on the whole data, then
/// again, for each signal, on the data cut at that signal's bar close (nothing at or after it exists). An honest
/// strategy decides the same on the cut data, since everything it may know is there; a signal that changes or
/// disappears (action or reasoning, which names the indicator values) used data from after its bar: it is flagged.
/// </summary>
public static class LookAheadCheck
{
    /// <param name="settings">The backtest's settings.</param>
    /// <param name="logic">Makes the strategy for a run, given the data that run will read (an honest one ignores it).</param>
    /// <param name="data">The data, cut before the given time (null: all of it), as a stream that may be read again.</param>
    /// <param name="maxSignals">At most this many signals are rechecked, spread evenly over the run.</param>
    /// <param name="cancellationToken">Stops the check between events.</param>
    public static LookAheadReport Run(
        BacktestSettings settings,
        Func<IEnumerable<MarketEvent>, IStrategyLogic> logic,
        Func<DateTimeOffset?, IEnumerable<MarketEvent>> data,
        int maxSignals = 50,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logic);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSignals);

        var full = Signals(settings, logic, data(null), null, cancellationToken);
        var keys = full.Keys.ToList();
        var chosen = keys.Count <= maxSignals
            ? keys
            : [.. Enumerable.Range(0, maxSignals).Select(i => keys[(int)((long)i * keys.Count / maxSignals)])];
        var flagged = new List<LookAheadFinding>();
        foreach (var key in chosen)
        {
            var barClose = full[key].BarClose;
            var cut = Signals(settings, logic, data(barClose), barClose, cancellationToken);
            var before = Describe(full[key]);
            var after = cut.TryGetValue(key, out var again) ? Describe(again) : null;
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                flagged.Add(new LookAheadFinding(key, before, after));
            }
        }

        return new LookAheadReport(full.Count, chosen.Count, flagged);
    }

    private static SortedDictionary<string, Evaluation.StrategySignal> Signals(
        BacktestSettings settings, Func<IEnumerable<MarketEvent>, IStrategyLogic> logic, IEnumerable<MarketEvent> data,
        DateTimeOffset? end, CancellationToken cancellationToken)
    {
        var recording = new BacktestRecording();
        new BacktestRunner(settings, logic(data), recording).Run(data, null, end, cancellationToken);
        var signals = new SortedDictionary<string, Evaluation.StrategySignal>(StringComparer.Ordinal);
        foreach (var decision in recording.Decisions)
        {
            signals[decision.SignalKey] = decision.Signal;
        }

        return signals;
    }

    private static string Describe(Evaluation.StrategySignal signal) => $"{signal.Action}: {signal.Reasoning}";
}
