namespace Trading.Strategies.Comparisons;

/// <summary>
/// One side of a comparison (a backtest run or a paper session), loaded into this neutral model by its own loader:
/// its capital, closed trades, equity curve (oldest first), every fill (the average slippage counts open positions'
/// entries too) and the outcome of each signal it decided on, by signal key (null: the side records no decisions, as a
/// stored backtest does not).
/// </summary>
public sealed record ComparisonSide(
    string Name,
    decimal InitialCapital,
    IReadOnlyList<ComparedTrade> Trades,
    IReadOnlyList<EquityValue> Equity,
    IReadOnlyList<ComparedFill> Fills,
    IReadOnlyDictionary<string, SignalOutcome>? Signals)
{
    public DateTimeOffset? From => Equity.Count > 0 ? Equity[0].Time : null;

    public DateTimeOffset? To => Equity.Count > 0 ? Equity[^1].Time : null;

    /// <summary>
    /// The same side with its equity curve rebuilt from its closed trades alone: the initial capital at the first entry's
    /// quote, then capital + the running net P&amp;L at each exit's quote (market time). Two sides whose recorded curves
    /// run on different clocks (a replay session's snapshots are taken at wall-clock time) compare on this one.
    /// </summary>
    public ComparisonSide WithClosedTradeEquity()
    {
        var ordered = Trades.OrderBy(t => t.Exit?.QuoteTime ?? t.ExitTime).ToList();
        var curve = new List<EquityValue>();
        if (ordered.Count > 0)
        {
            curve.Add(new EquityValue(Trades.Min(t => t.Entry?.QuoteTime ?? t.EntryTime), InitialCapital));
        }

        var equity = InitialCapital;
        foreach (var trade in ordered)
        {
            equity += trade.NetPnl;
            var time = trade.Exit?.QuoteTime ?? trade.ExitTime;
            if (curve.Count > 0 && curve[^1].Time >= time)
            {
                curve[^1] = new EquityValue(curve[^1].Time, equity);
            }
            else
            {
                curve.Add(new EquityValue(time, equity));
            }
        }

        return this with { Equity = curve };
    }
}
