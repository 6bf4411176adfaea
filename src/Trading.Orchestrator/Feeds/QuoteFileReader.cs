using System.Text.RegularExpressions;
using Trading.Data.MarketData;
using Trading.Engine.MarketData;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Reads quote rows from a replay file, checking every field as the database would (number syntax, positive prices,
/// bid ≤ ask, symbol format, timestamps) so that a bad file is refused before anything is written. Fields are
/// separated by commas; quoting is not supported (no field of either layout needs it).
/// </summary>
public static partial class QuoteFileReader
{
    private static readonly string[] QuoteColumns = ["time", "symbol", "bid", "ask", "last", "bid_size", "ask_size", "volume"];
    private static readonly string[] KlineColumns = ["open_time", "open", "high", "low", "close", "volume", "close_time"];

    public static IEnumerable<QuoteRow> Read(TextReader reader, QuoteFileFormat format, string? symbol)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (format == QuoteFileFormat.Kline && (symbol is null || !SymbolFormat().IsMatch(symbol)))
        {
            throw new ArgumentException($"A kline file needs a valid symbol (like BTC/USDT), not '{symbol}'.", nameof(symbol));
        }

        return format == QuoteFileFormat.Kline ? ReadKlines(reader, symbol!) : ReadQuotes(reader);
    }

    [GeneratedRegex("^[A-Z0-9]{1,20}(/[A-Z0-9]{1,20})?$", RegexOptions.CultureInvariant)]
    public static partial Regex SymbolFormat();

    private static IEnumerable<QuoteRow> ReadQuotes(TextReader reader)
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
            var row = new CsvFields(fields, number, QuoteColumns);
            if (fields.Length > QuoteColumns.Length)
            {
                throw new QuoteFileException(number, QuoteColumns.Length + 1, "end of line", $"{fields.Length} fields, at most {QuoteColumns.Length} expected");
            }

            if (fields.Length < 4)
            {
                throw row.Error(fields.Length, "missing (time,symbol,bid,ask are required; bid and ask may be empty when last is given)");
            }

            var time = row.Time(0);
            var symbol = row.Required(1);
            if (!SymbolFormat().IsMatch(symbol))
            {
                throw row.Error(1, $"'{symbol}' is not a symbol like BTC/USDT (upper-case letters and digits)");
            }

            var bid = row.Price(2);
            var ask = row.Price(3);
            var last = row.Price(4);
            if (bid is { } b && ask is { } a && b > a)
            {
                throw row.Error(2, $"bid {b} is above ask {a} (crossed quote)");
            }

            if ((bid is null || ask is null) && last is null)
            {
                throw row.Error(bid is null ? 2 : 3, "a quote needs a bid and an ask, or a last price");
            }

            yield return new QuoteRow(new Quote(symbol, time, bid, ask, last, row.Size(5), row.Size(6)), row.Size(7));
        }
    }

    private static IEnumerable<QuoteRow> ReadKlines(TextReader reader, string symbol)
    {
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.TrimStart();
            if (string.IsNullOrWhiteSpace(line) || (number == 1 && trimmed.Length > 0 && !char.IsAsciiDigit(trimmed[0])))
            {
                continue;
            }

            var fields = line.Split(',');
            var row = new CsvFields(fields, number, KlineColumns);
            row.Time(0);
            var open = row.RequiredPrice(1);
            var high = row.RequiredPrice(2);
            var low = row.RequiredPrice(3);
            var close = row.RequiredPrice(4);
            if (low > high)
            {
                throw row.Error(3, $"low {low} is above high {high}");
            }

            if (open > high || open < low)
            {
                throw row.Error(1, $"open {open} is outside [low {low}, high {high}]");
            }

            if (close > high || close < low)
            {
                throw row.Error(4, $"close {close} is outside [low {low}, high {high}]");
            }

            var volume = row.Size(5) ?? throw row.Error(5, "missing");
            var closeTime = row.Time(6);
            yield return new QuoteRow(new Quote(symbol, closeTime, null, null, close), volume);
        }
    }
}
