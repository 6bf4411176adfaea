using Trading.Engine.MarketData;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// Refuses, with a sentence, what the venue cannot carry (<see cref="VenueLimits"/>): a decision whose own figures are
/// beyond them, and a fill whose notional or resulting position would be. Checked before anything changes, so such an
/// order ends <c>rejected</c> with the reason instead of failing its batch on a numeric overflow three times over.
/// The database refuses the same decisions at INSERT; the engine does not rely on it (rows written before the bounds
/// existed, or by a role that bypasses them).
/// </summary>
internal static class VenueBounds
{
    public static string? DecisionRefusal(DecisionRequest decision)
    {
        if (decision.Quantity is { } quantity && quantity >= VenueLimits.MaxQuantity)
        {
            return $"quantity {Fmt.Qty(quantity)} is beyond the venue's maximum of {Fmt.Qty(VenueLimits.MaxQuantity)} units";
        }

        if (decision.Notional is { } notional && notional >= VenueLimits.MaxAmount)
        {
            return $"notional {Fmt.Money(notional)} is beyond the venue's maximum amount of {Fmt.Money(VenueLimits.MaxAmount)}";
        }

        return PriceRefusal("limit price", decision.LimitPrice)
            ?? PriceRefusal("stop price", decision.StopPrice)
            ?? LevelRefusal("trailing offset", decision.TrailingOffset, maxFraction: 1m)
            ?? LevelRefusal("stop-loss", decision.Bracket?.StopLoss, maxFraction: 1m)
            ?? LevelRefusal("take-profit", decision.Bracket?.TakeProfit, maxFraction: VenueLimits.MaxTakeProfitPercent / 100m)
            ?? LevelRefusal("trailing offset", decision.Bracket?.TrailingOffset, maxFraction: 1m);
    }

    /// <summary>A fill of <paramref name="quantity"/> at <paramref name="price"/>: its notional, and the position it leaves.</summary>
    public static string? FillRefusal(PositionBook book, string symbol, OrderSide side, decimal quantity, decimal price)
    {
        var notional = EngineMath.Notional(quantity, price);
        if (notional >= VenueLimits.MaxAmount)
        {
            return $"order notional {Fmt.Money(notional)} is beyond the venue's maximum amount of {Fmt.Money(VenueLimits.MaxAmount)}";
        }

        var held = book.Get(symbol)?.SignedQuantity ?? 0m;
        var after = Math.Abs(held + (side == OrderSide.Buy ? quantity : -quantity));
        return after >= VenueLimits.MaxQuantity
            ? $"the {symbol} position would be {Fmt.Qty(after)} units, beyond the venue's maximum of {Fmt.Qty(VenueLimits.MaxQuantity)}"
            : null;
    }

    /// <summary>A computed price (a bracket level from a percentage) the venue cannot carry.</summary>
    public static string? PriceRefusal(string what, decimal? price) =>
        price is { } p && p >= VenueLimits.MaxPrice
            ? $"{what} {Fmt.Qty(p)} is beyond the venue's maximum price of {Fmt.Qty(VenueLimits.MaxPrice)}"
            : null;

    private static string? LevelRefusal(string what, ExitLevel? level, decimal maxFraction) => level switch
    {
        { Kind: ExitLevelKind.Price } price => PriceRefusal(what, price.Value),
        { Kind: ExitLevelKind.Fraction } fraction when fraction.Value >= maxFraction =>
            $"{what} {fraction} must be below {Fmt.Qty(maxFraction * 100m)} %",
        _ => null,
    };

    /// <summary>An order below the instrument's minimum notional, unless it only reduces (a small remainder can always be closed).</summary>
    public static string? MinNotionalRefusal(bool reducesOnly, decimal quantity, decimal price, InstrumentSpec instrument)
    {
        var notional = EngineMath.Notional(quantity, price);
        return reducesOnly || notional >= instrument.MinNotional
            ? null
            : $"order notional {Fmt.Money(notional)} below the {instrument.Symbol} minimum {Fmt.Money(instrument.MinNotional)} ({Fmt.Qty(quantity)} at {Fmt.Qty(price)})";
    }
}
