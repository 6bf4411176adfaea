using Trading.Engine.MarketData;

namespace Trading.Data.Execution.Reading;

/// <summary>Reads a quote from the columns time, bid, ask, last, bid_size and ask_size.</summary>
internal static class QuoteRows
{
    public static Quote Read(NamedColumns row, string symbol) =>
        new(symbol, row.Time("time"), row.NullableDecimal("bid"), row.NullableDecimal("ask"), row.NullableDecimal("last"),
            row.NullableDecimal("bid_size"), row.NullableDecimal("ask_size"));
}
