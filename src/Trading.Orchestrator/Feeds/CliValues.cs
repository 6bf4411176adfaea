using System.Globalization;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Parses command-line values with messages that name the option, so a bad argument is reported as one clear line
/// (exit code 2) rather than a stack trace.
/// </summary>
public static class CliValues
{
    public static TimeSpan Duration(string option, string text) =>
        Durations.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a positive duration (like 250ms, 1s, 5m, 1h).");

    public static DateTimeOffset Time(string option, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a time (like 2024-05-01 or 2024-05-01T12:00:00Z).");

    public static decimal PositiveDecimal(string option, string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0m
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a positive number.");

    public static decimal NonNegativeDecimal(string option, string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0m
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a number >= 0.");

    public static ulong Seed(string option, string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a seed (a whole number >= 0).");

    public static int Count(string option, string text, int min, int max) =>
        int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a whole number in [{min:N0}, {max:N0}].");

    /// <summary>Symbols from repeated options and comma-separated lists, upper-cased, each checked against the schema's format.</summary>
    public static IReadOnlyList<string> Symbols(string option, IEnumerable<string> values)
    {
        var symbols = values
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var bad = symbols.FirstOrDefault(s => !QuoteFileReader.SymbolFormat().IsMatch(s));
        return bad is not null
            ? throw new ArgumentException($"{option}: '{bad}' is not a symbol like BTC/USDT.")
            : symbols;
    }

    public static QuoteFileFormat Format(string option, string text) => text.ToUpperInvariant() switch
    {
        "QUOTES" => QuoteFileFormat.Quotes,
        "KLINE" or "KLINES" => QuoteFileFormat.Kline,
        "DEPTH" => QuoteFileFormat.Depth,
        "TRADES" => QuoteFileFormat.Trades,
        _ => throw new ArgumentException($"{option}: '{text}' is not a format (quotes, kline, depth or trades)."),
    };
}
