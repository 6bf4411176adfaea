using Trading.Strategies.Bars;

namespace Trading.Strategies.Tests;

/// <summary>Bars for tests: consecutive 4h bars of BTC/USDT from 2026-01-01T00:00Z.</summary>
internal static class TestBars
{
    public const string Symbol = "BTC/USDT";

    public static readonly TimeSpan FourHours = TimeSpan.FromHours(4);

    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The bar at <paramref name="index"/> (0-based) with open = high = low = close and volume 1.</summary>
    public static Bar Close(int index, decimal close) => Ohlcv(index, close, close, close, close, 1m);

    public static Bar Ohlcv(int index, decimal open, decimal high, decimal low, decimal close, decimal volume) =>
        new(Symbol, Start + (FourHours * index), FourHours, open, high, low, close, volume);

    /// <summary>One bar per close, in order.</summary>
    public static Bar[] FromCloses(params decimal[] closes) => closes.Select((c, i) => Close(i, c)).ToArray();
}
