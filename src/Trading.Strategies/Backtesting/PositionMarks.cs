using Trading.Engine.MarketData;
using Trading.Engine.Positions;

namespace Trading.Strategies.Backtesting;

/// <summary>How the backtest values what it holds, as the engine does.</summary>
internal static class PositionMarks
{
    /// <summary>The positions at their marks: the newest quote, else the average entry price.</summary>
    public static decimal Value(IReadOnlyList<Position> positions, IReadOnlyDictionary<string, Quote> latest)
    {
        var value = 0m;
        foreach (var position in positions)
        {
            var mark = latest.TryGetValue(position.Symbol, out var quote) ? quote.MarkPrice : position.AverageEntryPrice;
            value += position.SignedQuantity * mark;
        }

        return value;
    }
}
