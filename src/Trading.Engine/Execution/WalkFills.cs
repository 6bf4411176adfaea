using Trading.Engine.Fees;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;

namespace Trading.Engine.Execution;

/// <summary>
/// One fill that walked a book (on arrival, or a working order on a later quote) priced level by level, pricing rules:
/// <list type="number">
/// <item>Each level is the reference price of its part. The slippage fraction f is the one the order drew for its whole
///   quantity at the touch (one draw, one impact per order, as without a book).</item>
/// <item>none, fixed, seed: the level's price moved by f against the trader (f is latency and noise, not size, so it
///   applies to every level).</item>
/// <item>sqrt_impact (takers; a maker's f is 0): the worse of the level's price and the touch moved by f. Both the walk and the impact price the
///   order's size; taking the worse, level by level, never charges size twice.</item>
/// <item>Rounded to the tick against the trader, then capped at a limit price.</item>
/// <item>One fee for the order, on the walk's whole notional (a minimum fee is charged once, not per level), shared
///   out by notional to money scale, the last level taking what rounding leaves.</item>
/// </list>
/// </summary>
internal static class WalkFills
{
    public static IReadOnlyList<OrderFillEvent> Price(
        OrderFillEvent fill, BookWalk walk, BookProvenance book, ISlippageModel slippage, IFeeModel fees, decimal tickSize, decimal? limit)
    {
        var buy = fill.Side == OrderSide.Buy;
        var impacted = buy ? fill.ReferencePrice * (1m + fill.SlippageFraction) : fill.ReferencePrice * (1m - fill.SlippageFraction);
        var levels = new List<OrderFillEvent>(walk.Fills.Count);
        for (var i = 0; i < walk.Fills.Count; i++)
        {
            var (level, quantity) = walk.Fills[i];
            var moved = buy ? level * (1m + fill.SlippageFraction) : level * (1m - fill.SlippageFraction);
            var raw = slippage is SquareRootImpact && fill.Role == LiquidityRole.Taker ? (buy ? Math.Max(level, impacted) : Math.Min(level, impacted)) : moved;
            var price = EngineMath.RoundPriceAgainst(fill.Side, raw, tickSize);
            if (limit is { } l)
            {
                price = buy ? Math.Min(price, l) : Math.Max(price, l);
            }

            levels.Add(fill with
            {
                Quantity = quantity,
                Price = price,
                ReferencePrice = level,
                SlippagePerUnit = Math.Abs(price - level),
                Book = book with { Level = i, Levels = walk.Fills.Count, OrderQuantity = walk.Filled },
            });
        }

        return WithFees(levels, fees);
    }

    /// <summary>The first <paramref name="quantity"/> of the levels (a capped or resized order), with the fee shared again.</summary>
    public static IReadOnlyList<OrderFillEvent> Truncate(IReadOnlyList<OrderFillEvent> levels, decimal quantity, IFeeModel fees)
    {
        var kept = new List<OrderFillEvent>(levels.Count);
        foreach (var level in levels)
        {
            if (quantity <= 0m)
            {
                break;
            }

            kept.Add(level with { Quantity = Math.Min(level.Quantity, quantity) });
            quantity -= level.Quantity;
        }

        return WithFees(kept, fees);
    }

    private static List<OrderFillEvent> WithFees(List<OrderFillEvent> levels, IFeeModel fees)
    {
        var notionals = levels.Select(l => EngineMath.Notional(l.Quantity, l.Price)).ToArray();
        var whole = notionals.Sum();
        var left = fees.Fee(new FeeContext(whole, levels[0].Role));
        var rest = whole;
        var priced = new List<OrderFillEvent>(levels.Count);
        for (var i = 0; i < levels.Count; i++)
        {
            var (fee, remainder) = rest > 0m ? EngineMath.Split(left, notionals[i], rest) : (left, 0m);
            priced.Add(levels[i] with { Notional = notionals[i], Fee = fee });
            left = remainder;
            rest -= notionals[i];
        }

        return priced;
    }
}
