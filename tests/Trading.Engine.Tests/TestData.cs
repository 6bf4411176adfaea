using Trading.Engine.MarketData;

namespace Trading.Engine.Tests;

internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 2, 12, 0, 0, TimeSpan.Zero);

    public static Quote Quote(string symbol, decimal bid, decimal ask, DateTimeOffset? time = null) =>
        new(symbol, time ?? T0, bid, ask, null);

    public static InstrumentSpec Spec(string symbol, decimal tick = 0.01m, decimal lot = 0.001m, decimal minNotional = 5m) =>
        new(symbol, tick, lot, minNotional);
}
