using Trading.Data.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Reads order-book (depth) and trade-print files for market_depth and market_trades, refusing the first bad or
/// out-of-order line with its number (<see cref="QuoteFileException"/>), so a bad file is refused before anything is
/// written. Both layouts are in time order (times never decrease); an optional header line starts with "time".
/// <list type="bullet">
/// <item>depth: time,symbol,side,level,price,size. The lines of one (symbol, time) are one snapshot and stand
/// together; within it each side's levels come 0 (the touch), 1, 2 ... and worsen: bids fall, asks rise.</item>
/// <item>trades: time,symbol,trade_id,price,size[,aggressor]; aggressor buy (lifted the asks), sell (hit the bids) or
/// empty (unknown); a trade id appears once per symbol and time.</item>
/// </list>
/// </summary>
public static class BookFileReader
{
    private static readonly string[] DepthColumns = ["time", "symbol", "side", "level", "price", "size"];
    private static readonly string[] TradeColumns = ["time", "symbol", "trade_id", "price", "size", "aggressor"];

    public static IEnumerable<DepthLevelRow> ReadDepth(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var order = new TimeOrder();
        // The snapshot being read: its symbol and time, and each side's last level and price.
        var snapshot = (Symbol: string.Empty, Time: DateTimeOffset.MinValue);
        var last = new Dictionary<BookSide, (int Level, decimal Price)>();
        foreach (var (row, number) in Lines(reader, DepthColumns, DepthColumns.Length))
        {
            var time = row.Time(0);
            var symbol = Symbol(row);
            var side = row.Required(2).ToUpperInvariant() switch
            {
                "BID" => BookSide.Bid,
                "ASK" => BookSide.Ask,
                var other => throw row.Error(2, $"'{other.ToLowerInvariant()}' is not a side (bid or ask)"),
            };
            var level = (int)row.Integer(3, 0, 999);
            var price = row.RequiredPrice(4);
            var size = row.Size(5) ?? throw row.Error(5, "missing");
            if ((symbol, time) != snapshot)
            {
                order.Next(row, time, symbol, number);
                snapshot = (symbol, time);
                last.Clear();
            }

            var expected = last.TryGetValue(side, out var previous) ? previous.Level + 1 : 0;
            if (level != expected)
            {
                throw row.Error(3, $"level {level} of the {Name(side)}s of {symbol} at {time:O} comes out of order (level {expected} expected next)");
            }

            if (expected > 0 && (side == BookSide.Bid ? price >= previous.Price : price <= previous.Price))
            {
                throw row.Error(4, $"price {price} of {Name(side)} level {level} does not worsen on level {level - 1}'s {previous.Price}");
            }

            last[side] = (level, price);
            yield return new DepthLevelRow(time, symbol, side, level, price, size);
        }
    }

    public static IEnumerable<TradePrintRow> ReadTrades(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var order = new TimeOrder();
        var seen = new HashSet<(string Symbol, long TradeId)>();
        var current = DateTimeOffset.MinValue;
        foreach (var (row, number) in Lines(reader, TradeColumns, TradeColumns.Length - 1))
        {
            var time = row.Time(0);
            var symbol = Symbol(row);
            var tradeId = row.Integer(2, long.MinValue, long.MaxValue);
            var price = row.RequiredPrice(3);
            var size = row.Size(4) ?? throw row.Error(4, "missing");
            if (size == 0m)
            {
                throw row.Error(4, "a trade's size must be positive");
            }

            var aggressor = row.Optional(5)?.ToUpperInvariant() switch
            {
                null => (OrderSide?)null,
                "BUY" => OrderSide.Buy,
                "SELL" => OrderSide.Sell,
                var other => throw row.Error(5, $"'{other.ToLowerInvariant()}' is not an aggressor (buy, sell or empty)"),
            };
            order.Next(row, time, null, number);
            if (time != current)
            {
                (current, seen) = (time, []);
            }

            if (!seen.Add((symbol, tradeId)))
            {
                throw row.Error(2, $"trade {tradeId} of {symbol} at {time:O} appears twice");
            }

            yield return new TradePrintRow(symbol, new VenueTrade(tradeId, new TradePrint(time, price, size, aggressor)));
        }
    }

    private static string Name(BookSide side) => side == BookSide.Bid ? "bid" : "ask";

    private static string Symbol(CsvFields row)
    {
        var symbol = row.Required(1);
        return QuoteFileReader.SymbolFormat().IsMatch(symbol) ? symbol : throw row.Error(1, $"'{symbol}' is not a symbol like BTC/USDT (upper-case letters and digits)");
    }

    // The data lines with their numbers: blank lines and a header ("time,...") on line 1 are skipped.
    private static IEnumerable<(CsvFields Row, long Number)> Lines(TextReader reader, string[] columns, int required)
    {
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || (number == 1 && line.TrimStart().StartsWith("time", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var fields = line.Split(',');
            var row = new CsvFields(fields, number, columns);
            if (fields.Length > columns.Length)
            {
                throw new QuoteFileException(number, columns.Length + 1, "end of line", $"{fields.Length} fields, at most {columns.Length} expected");
            }

            if (fields.Length < required)
            {
                throw row.Error(fields.Length, $"missing ({string.Join(',', columns.Take(required))} are required)");
            }

            yield return (row, number);
        }
    }

    /// <summary>Times never decrease; with a symbol, a symbol's snapshot at one time is not split by another's.</summary>
    private sealed class TimeOrder
    {
        private readonly HashSet<string> symbolsAtTime = new(StringComparer.Ordinal);
        private DateTimeOffset time = DateTimeOffset.MinValue;
        private long line;

        public void Next(CsvFields row, DateTimeOffset next, string? symbol, long number)
        {
            if (next < time)
            {
                throw row.Error(0, $"{next:O} is before line {line}'s {time:O} (the file must be in time order)");
            }

            if (next != time)
            {
                symbolsAtTime.Clear();
            }

            if (symbol is not null && !symbolsAtTime.Add(symbol))
            {
                throw row.Error(1, $"the snapshot of {symbol} at {next:O} is split: its lines must stand together");
            }

            (time, line) = (next, number);
        }
    }
}
