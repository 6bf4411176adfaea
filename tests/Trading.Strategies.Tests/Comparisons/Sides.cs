using Trading.Engine.Primitives;
using Trading.Strategies.Comparisons;
using Trading.Strategies.Backtesting;

namespace Trading.Strategies.Tests.Comparisons;

/// <summary>Hand-made sides: trades, fills and curves with round figures.</summary>
internal static class Sides
{
    public static readonly DateTimeOffset Day1 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static ComparedFill Fill(decimal bid, decimal ask, decimal price, decimal? signal, decimal quantity = 1m, decimal? ordered = null, bool buy = true, decimal fee = 0m) =>
        new(quantity, ordered ?? quantity, price, buy ? ask : bid, ComparedFill.MidOf(bid, ask, null), signal, Day1, fee,
            price * quantity, Math.Abs(price - (buy ? ask : bid)) * quantity);

    public static ComparedTrade Trade(string? key, decimal net, decimal fees = 0m, decimal quantity = 1m, decimal entry = 100m,
        decimal? exit = null, ComparedFill? entryFill = null, ComparedFill? exitFill = null, PositionSide side = PositionSide.Long, int day = 0) =>
        new("BTC/USDT", side, quantity, entry, exit ?? entry + ((net + fees) / quantity * (side == PositionSide.Long ? 1 : -1)),
            Day1.AddDays(day), Day1.AddDays(day).AddHours(4), net + fees, fees, net, key, null, entryFill, exitFill);

    public static ComparisonSide Side(string name, IReadOnlyList<ComparedTrade> trades, IReadOnlyList<EquityValue>? equity = null,
        IReadOnlyList<SignalOutcome>? signals = null, decimal capital = 1000m) =>
        new(name, capital, trades, equity ?? [], [.. trades.SelectMany(t => new[] { t.Entry, t.Exit }).OfType<ComparedFill>()],
            (signals ?? []).ToDictionary(s => s.Key, StringComparer.Ordinal));

    public static EquityValue At(int day, int hour, decimal equity) => new(Day1.AddDays(day).AddHours(hour), equity);

    public static string Key(int hour) => SignalKeys.For("BTC/USDT", Day1.AddHours(hour));
}
