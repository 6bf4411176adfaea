using System.Globalization;
using Trading.Strategies.Bars;

namespace Trading.Strategies.Evaluation;

/// <summary>Number and time formats for reasoning texts: invariant, rounded for reading, stable across machines.</summary>
internal static class ReasonFormat
{
    /// <summary>An indicator value for reading: 2 decimals from 1 up, 8 below (a price of 0.00001234 keeps its digits).</summary>
    public static string Value(decimal value) =>
        Math.Round(value, Math.Abs(value) >= 1m ? 2 : 8, MidpointRounding.AwayFromZero).ToString("0.########", CultureInfo.InvariantCulture);

    /// <summary>A price as it came, without trailing zeros.</summary>
    public static string Price(decimal price) => price.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>"BTC/USDT 4h bar closing 2026-01-01T04:00Z".</summary>
    public static string BarName(Bar bar, string timeframeName) =>
        $"{bar.Symbol} {timeframeName} bar closing {bar.CloseTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}";
}
