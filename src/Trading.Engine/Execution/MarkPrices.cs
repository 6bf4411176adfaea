using Trading.Engine.MarketData;

namespace Trading.Engine.Execution;

/// <summary>The marks equity, buying power and risk are measured on.</summary>
internal static class MarkPrices
{
    /// <summary>Each quote's mark, and the average entry price for a held symbol without one.</summary>
    public static Dictionary<string, decimal> Of(AccountState state, IReadOnlyDictionary<string, Quote> quotes)
    {
        var marks = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (symbol, quote) in quotes)
        {
            marks[symbol] = quote.MarkPrice;
        }

        foreach (var position in state.Positions)
        {
            marks.TryAdd(position.Symbol, position.AverageEntryPrice);
        }

        return marks;
    }
}
