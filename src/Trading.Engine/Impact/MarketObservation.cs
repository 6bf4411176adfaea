namespace Trading.Engine.Impact;

/// <summary>
/// One point of a stored series the impact estimators read: a quote's mark price or a bar's close, and the volume
/// traded in that interval when the source has it (klines and bars do, a bare quote does not).
/// </summary>
public readonly record struct MarketObservation
{
    public MarketObservation(DateTimeOffset time, decimal price, decimal? volume = null)
    {
        if (price <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "An observed price must be greater than zero.");
        }

        if (volume is < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "An observed volume must not be negative.");
        }

        Time = time;
        Price = price;
        Volume = volume;
    }

    public DateTimeOffset Time { get; }

    public decimal Price { get; }

    public decimal? Volume { get; }
}
