using Trading.Engine.Primitives;

namespace Trading.Engine.Queue;

/// <summary>
/// One trade the market printed: price, size and, when the venue says, the aggressor's side (a Sell aggressor hit the
/// bids, a Buy aggressor lifted the asks). From market_trades, or made from last-price and volume changes where a feed
/// has nothing else (<see cref="FromVolumeChange"/>).
/// </summary>
public readonly record struct TradePrint
{
    public TradePrint(DateTimeOffset time, decimal price, decimal size, OrderSide? aggressor = null)
    {
        if (price <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "A trade's price must be greater than zero.");
        }

        if (size <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A trade's size must be greater than zero.");
        }

        Time = time;
        Price = price;
        Size = size;
        Aggressor = aggressor;
    }

    public DateTimeOffset Time { get; }

    public decimal Price { get; }

    public decimal Size { get; }

    public OrderSide? Aggressor { get; }

    /// <summary>
    /// The print implied by two cumulative volume readings: the increase, at the newer last price, aggressor unknown.
    /// Null when the volume did not grow (a reset of the counter is not a trade).
    /// </summary>
    public static TradePrint? FromVolumeChange(DateTimeOffset time, decimal last, decimal previousVolume, decimal volume) =>
        volume > previousVolume ? new TradePrint(time, last, volume - previousVolume) : null;
}
