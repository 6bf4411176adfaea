using System.Globalization;

namespace Trading.Strategies.Comparisons;

/// <summary>
/// The name of a bar signal shared by both sides: <c>SYMBOL:yyyy-MM-ddTHH:mm:ssZ</c>, the symbol and its bar's close.
/// A paper session writes it inside its decisions' idempotency key (<c>session:ID:SYMBOL:CLOSE</c>); a backtest stores
/// it as signal_key (any ISO 8601 spelling of the close). Both normalise to the same text.
/// </summary>
public static class SignalKey
{
    private const string Format = "yyyy-MM-ddTHH:mm:ssZ";

    public static string Of(string symbol, DateTimeOffset barClose) =>
        symbol + ":" + barClose.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// The canonical key of a backtest signal_key or a session decision's idempotency key; null for a key that names no
    /// bar (a manual decision, a session's closing flatten <c>session:ID:stop:SYMBOL</c>).
    /// </summary>
    public static string? Normalize(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var rest = key;
        if (rest.StartsWith("session:", StringComparison.Ordinal))
        {
            var afterId = rest.IndexOf(':', "session:".Length);
            if (afterId < 0)
            {
                return null;
            }

            rest = rest[(afterId + 1)..];
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return null;
        }

        return DateTimeOffset.TryParse(rest[(colon + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var close)
            ? Of(rest[..colon], close)
            : null;
    }
}
