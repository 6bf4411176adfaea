using Trading.Engine.Execution;

namespace Trading.Engine.Impact;

/// <summary>
/// The series σ and V are estimated from: the last <see cref="Bars"/> closed bars of <see cref="Interval"/> before the
/// fill time, as strategy_bars() builds them from market_prices (bars aligned to the minute in UTC; close = the bar's
/// last price, the mid where a quote has none; volume = the sum of the quotes' volumes). Paper reads the bars from the
/// database; a backtest feeds its own quotes here, one at a time in time order, so both see the same bars and neither
/// sees a price at or after the fill. Not thread-safe.
/// </summary>
public sealed class ImpactWindow
{
    public const int Bars = 60;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, List<(DateTimeOffset Open, decimal Close, decimal Volume)>> bars = new(StringComparer.Ordinal);

    /// <summary>Adds one quote's price (and the volume traded with it, when known) to its symbol's bars.</summary>
    public void Observe(string symbol, DateTimeOffset time, decimal price, decimal? volume)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var open = Open(time);
        if (!bars.TryGetValue(symbol, out var series))
        {
            bars[symbol] = series = [];
        }

        if (series.Count > 0 && series[^1].Open == open)
        {
            series[^1] = (open, price, series[^1].Volume + (volume ?? 0m));
        }
        else
        {
            series.Add((open, price, volume ?? 0m));
            if (series.Count > Bars + 2)
            {
                series.RemoveRange(0, series.Count - (Bars + 2));
            }
        }
    }

    /// <summary>
    /// The account with its sqrt_impact model given the estimates at <paramref name="now"/> of the symbols asked for (and
    /// why the others have none); any other account as it is.
    /// </summary>
    public AccountConfig Priced(AccountConfig account, IEnumerable<string> symbols, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(symbols);
        if (account.SlippageModel is not SquareRootImpact model)
        {
            return account;
        }

        var from = Open(now - (Interval * Bars));
        var estimates = new Dictionary<string, ImpactEstimate>(StringComparer.Ordinal);
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            var closed = bars.GetValueOrDefault(symbol, [])
                .Where(b => b.Open >= from && b.Open + Interval <= now)
                .Select(b => new MarketObservation(b.Open, b.Close, b.Volume))
                .ToList();
            Add(symbol, closed, estimates, missing);
        }

        return account with { SlippageModel = model.With(estimates, missing) };
    }

    /// <summary>Estimates one symbol's σ and V from its bars (oldest first) into the estimates, or its reason into missing.</summary>
    public static void Add(string symbol, IReadOnlyList<MarketObservation> bars, Dictionary<string, ImpactEstimate> estimates, Dictionary<string, string> missing)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(missing);
        if (ImpactEstimator.Estimate(symbol, bars, out var reason) is { } estimate)
        {
            estimates[symbol] = estimate;
        }
        else
        {
            missing[symbol] = $"{reason} (one-minute bars of the last hour)";
        }
    }

    private static DateTimeOffset Open(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % Interval.Ticks), TimeSpan.Zero);
    }
}
