using System.Globalization;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// The name of a bar signal, <c>SYMBOL:BARCLOSE</c> (UTC, ISO 8601 to the second): a backtest's fills and trades carry
/// it, and a paper session's decision idempotency key is <c>session:ID:</c> followed by it, so both sides of a
/// comparison name the same signal the same way.
/// </summary>
public static class SignalKeys
{
    public static string For(string symbol, DateTimeOffset barClose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return symbol + ":" + barClose.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The canonical key of a backtest signal_key or a session decision's idempotency key (any ISO 8601 spelling of the
    /// close); null for a key that names no bar (a manual decision, a session's closing flatten <c>session:ID:stop:SYMBOL</c>).
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
            ? For(rest[..colon], close)
            : null;
    }

    /// <summary>A strategy session's idempotency key for the signal.</summary>
    public static string SessionKey(long sessionId, string symbol, DateTimeOffset barClose) =>
        "session:" + sessionId.ToString(CultureInfo.InvariantCulture) + ":" + For(symbol, barClose);
}
