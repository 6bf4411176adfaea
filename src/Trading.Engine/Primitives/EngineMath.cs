namespace Trading.Engine.Primitives;

/// <summary>
/// The rounding policy. Every cash amount is rounded to <see cref="MoneyScale"/> places (banker's
/// rounding) when it is computed and used exactly afterwards; sums are never re-rounded. This is
/// what makes the ledger and P&amp;L invariants hold exactly in numeric(28,10) columns.
/// </summary>
public static class EngineMath
{
    public const int MoneyScale = 10;

    public const int QuantityScale = 12;

    public static decimal RoundMoney(decimal amount) =>
        Math.Round(amount, MoneyScale, MidpointRounding.ToEven);

    /// <summary>The cash value of a quantity at a price, rounded to money scale.</summary>
    public static decimal Notional(decimal quantity, decimal price) => RoundMoney(quantity * price);

    /// <summary>Rounds a quantity down to a whole number of lots.</summary>
    public static decimal FloorToLot(decimal quantity, decimal lotSize)
    {
        EnsureIncrement(lotSize, nameof(lotSize), QuantityScale);
        if (quantity <= 0m)
        {
            return 0m;
        }

        return Math.Floor(quantity / lotSize) * lotSize;
    }

    /// <summary>
    /// Rounds a price to the tick against the trader: a buy pays the next tick up, a sell receives
    /// the next tick down (never less than one tick, since a price must stay positive).
    /// </summary>
    public static decimal RoundPriceAgainst(OrderSide side, decimal price, decimal tickSize)
    {
        EnsureIncrement(tickSize, nameof(tickSize), MoneyScale);
        if (price <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "A price must be greater than zero.");
        }

        var ticks = price / tickSize;
        return side switch
        {
            OrderSide.Buy => Math.Ceiling(ticks) * tickSize,
            OrderSide.Sell => Math.Max(1m, Math.Floor(ticks)) * tickSize,
            _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Unknown order side."),
        };
    }

    /// <summary>
    /// Splits <paramref name="total"/> in the ratio part/whole: the part is rounded to money scale and
    /// the rest is total minus the part, so the two always add up to the total exactly.
    /// </summary>
    public static (decimal Part, decimal Remainder) Split(decimal total, decimal part, decimal whole)
    {
        if (whole <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(whole), whole, "The whole must be greater than zero.");
        }

        if (part < 0m || part > whole)
        {
            throw new ArgumentOutOfRangeException(nameof(part), part, $"The part must lie in [0, {whole}].");
        }

        if (part == whole)
        {
            return (total, 0m);
        }

        var share = RoundMoney(total * part / whole);
        return (share, total - share);
    }

    private static void EnsureIncrement(decimal increment, string name, int maxScale)
    {
        if (increment <= 0m)
        {
            throw new ArgumentOutOfRangeException(name, increment, "An increment must be greater than zero.");
        }

        if (increment.Scale > maxScale && increment != Math.Round(increment, maxScale))
        {
            throw new ArgumentOutOfRangeException(name, increment, $"An increment may have at most {maxScale} decimal places.");
        }
    }
}
