using Trading.Engine.Primitives;

namespace Trading.Engine.Queue;

/// <summary>
/// A resting limit order's place in the queue at its price, matching rules:
/// 1. On placing it joins behind the size displayed at its price (<see cref="Ahead"/>); nothing behind it matters.
/// 2. A print at its price that trades against its side (a Sell aggressor for a resting buy, a Buy aggressor for a
///    resting sell, or an unknown aggressor) first works off the queue ahead; only the volume beyond it fills the order.
/// 3. A print through its price (below a resting buy, above a resting sell) means the whole queue at its price was
///    taken: everything still open fills, at the order's limit price.
/// 4. Prints at worse prices, or at its price on the other side, change nothing.
/// Immutable: each print gives the next position and the quantity it filled.
/// </summary>
public sealed record QueuePosition
{
    private QueuePosition(OrderSide side, decimal limitPrice, decimal ahead, decimal open)
    {
        Side = side;
        LimitPrice = limitPrice;
        Ahead = ahead;
        Open = open;
    }

    public OrderSide Side { get; }

    public decimal LimitPrice { get; }

    /// <summary>The size still ahead of the order at its price.</summary>
    public decimal Ahead { get; private init; }

    /// <summary>The order's quantity not yet filled.</summary>
    public decimal Open { get; private init; }

    public bool IsFilled => Open == 0m;

    /// <summary>The order as placed: behind <paramref name="displayedAtPrice"/> (0 when its price is not displayed).</summary>
    public static QueuePosition Join(OrderSide side, decimal limitPrice, decimal quantity, decimal displayedAtPrice)
    {
        if (limitPrice <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(limitPrice), limitPrice, "A limit price must be greater than zero.");
        }

        if (quantity <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "The order's quantity must be greater than zero.");
        }

        if (displayedAtPrice < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(displayedAtPrice), displayedAtPrice, "A displayed size must not be negative.");
        }

        return new QueuePosition(side, limitPrice, displayedAtPrice, quantity);
    }

    /// <summary>The position after one print, and what the print filled (0 or more, never above <see cref="Open"/>).</summary>
    public (QueuePosition Next, decimal Filled) After(TradePrint print)
    {
        if (IsFilled)
        {
            return (this, 0m);
        }

        if (Through(print.Price))
        {
            return (this with { Ahead = 0m, Open = 0m }, Open);
        }

        if (print.Price != LimitPrice || !AgainstThisSide(print.Aggressor))
        {
            return (this, 0m);
        }

        var beyondQueue = print.Size - Ahead;
        if (beyondQueue <= 0m)
        {
            return (this with { Ahead = Ahead - print.Size }, 0m);
        }

        var filled = Math.Min(Open, beyondQueue);
        return (this with { Ahead = 0m, Open = Open - filled }, filled);
    }

    private bool Through(decimal price) => Side == OrderSide.Buy ? price < LimitPrice : price > LimitPrice;

    private bool AgainstThisSide(OrderSide? aggressor) => aggressor is null || aggressor != Side;
}
