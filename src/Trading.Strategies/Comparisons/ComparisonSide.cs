namespace Trading.Strategies.Comparisons;

/// <summary>
/// One side of a comparison (a backtest run or a paper session), loaded into this neutral model by its own loader:
/// its capital, closed trades, equity curve (oldest first), every fill (the average slippage counts open positions'
/// entries too) and the outcome of each signal it decided on, by signal key.
/// </summary>
public sealed record ComparisonSide(
    string Name,
    decimal InitialCapital,
    IReadOnlyList<ComparedTrade> Trades,
    IReadOnlyList<EquityValue> Equity,
    IReadOnlyList<ComparedFill> Fills,
    IReadOnlyDictionary<string, SignalOutcome> Signals)
{
    public DateTimeOffset? From => Equity.Count > 0 ? Equity[0].Time : null;

    public DateTimeOffset? To => Equity.Count > 0 ? Equity[^1].Time : null;
}
