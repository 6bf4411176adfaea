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

    /// <summary>A strategy session's idempotency key for the signal.</summary>
    public static string SessionKey(long sessionId, string symbol, DateTimeOffset barClose) =>
        "session:" + sessionId.ToString(CultureInfo.InvariantCulture) + ":" + For(symbol, barClose);
}
