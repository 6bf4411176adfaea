using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// When a working order stops working: DAY at the first UTC midnight after placement, GTD at its
/// expires_at, GTC never. IOC and FOK never rest, so they have no expiry. An order is expired on a
/// quote when the evaluation time or the quote's own time has reached the expiry: a quote stamped
/// at or after the expiry can no longer fill it, however late it is processed.
/// </summary>
public static class TimeInForceRules
{
    public static DateTimeOffset? ExpiryFor(TimeInForce timeInForce, DateTimeOffset placedAt, DateTimeOffset? expiresAt) => timeInForce switch
    {
        TimeInForce.Day => new DateTimeOffset(placedAt.UtcDateTime.Date.AddDays(1), TimeSpan.Zero),
        TimeInForce.Gtd => expiresAt ?? throw new ArgumentException("A GTD order needs an expiry time.", nameof(expiresAt)),
        _ => null,
    };

    public static bool IsExpired(RestingOrder order, DateTimeOffset quoteTime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        var expiry = order.ExpiresAt ?? ExpiryFor(order.TimeInForce, order.PlacedAt, null);
        return expiry is { } e && (now >= e || quoteTime >= e);
    }
}
