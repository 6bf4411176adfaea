using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Randomness;
using Trading.Engine.Slippage;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// One order against one quote; the rules are listed on <see cref="OrderMatcher"/>. Returns the
/// order's new state and its fill, if any. TIF, expiry and OCO are handled by the callers. The generator is seeded by
/// (order id, quote time), or by <c>randomKey</c> when given (a decision's plain market order: its decision id).
/// </summary>
internal static class OrderStep
{
    /// <summary>The fill model a queued limit's fills record.</summary>
    public const string QueueFillModel = "queue";

    public static (RestingOrder Order, OrderFillEvent? Fill) Run(
        RestingOrder order, Quote quote, MatchContext ctx, QuotedSize size, bool arrival, long? randomKey = null)
    {
        var touch = Touch(order.Side, quote, ctx.SpreadFractionWhenLastOnly);
        if (touch is not { } t)
        {
            return (order, null);
        }

        switch (order.Type)
        {
            case OrderType.Market:
                return Take(order, quote, ctx, size, randomKey);

            case OrderType.Limit:
                return Limit(order, t, quote, ctx, size, taker: arrival, randomKey);

            case OrderType.Stop:
                if (!order.Triggered)
                {
                    if (!StopCrossed(order.Side, t, Required(order.StopPrice, order, "stop price")))
                    {
                        return (order, null);
                    }

                    order = order with { Triggered = true };
                }

                return Take(order, quote, ctx, size, randomKey);

            case OrderType.StopLimit:
                var activatedNow = arrival;
                if (!order.Triggered)
                {
                    if (!StopCrossed(order.Side, t, Required(order.StopPrice, order, "stop price")))
                    {
                        return (order, null);
                    }

                    order = order with { Triggered = true };
                    activatedNow = true;
                }

                return Limit(order, t, quote, ctx, size, taker: activatedNow, randomKey);

            case OrderType.TrailingStop:
                if (!order.Triggered)
                {
                    var previous = order.BestPriceSincePlacement ?? t;
                    var best = order.Side == OrderSide.Sell ? Math.Max(previous, t) : Math.Min(previous, t);
                    var stop = TrailingLevel(order, best, ctx.Instrument.TickSize);
                    order = order with { BestPriceSincePlacement = best, StopPrice = stop };
                    if (!StopCrossed(order.Side, t, stop))
                    {
                        return (order, null);
                    }

                    order = order with { Triggered = true };
                }

                return Take(order, quote, ctx, size, randomKey);

            default:
                throw new ArgumentOutOfRangeException(nameof(order), order.Type, "Unknown order type.");
        }
    }

    /// <summary>Buy: ask, sell: bid; without it last × (1 ± spread/2), as for market orders.</summary>
    public static decimal? Touch(OrderSide side, Quote quote, decimal spreadFraction)
    {
        var touch = side == OrderSide.Buy ? quote.Ask : quote.Bid;
        if (touch is not null || quote.Last is not { } last)
        {
            return touch;
        }

        var half = spreadFraction / 2m;
        return side == OrderSide.Buy ? last * (1m + half) : last * (1m - half);
    }

    /// <summary>Sell trailing stop: best − offset (or best × (1 − f)), down to the tick; buy: best + offset, up to the tick.</summary>
    public static decimal TrailingLevel(RestingOrder order, decimal best, decimal tickSize)
    {
        var offset = Required(order.TrailingOffset, order, "trailing offset");
        var distance = order.TrailingIsPercent ? best * offset : offset;
        var raw = order.Side == OrderSide.Sell ? best - distance : best + distance;
        return raw <= 0m ? tickSize : EngineMath.RoundPriceAgainst(order.Side, raw, tickSize);
    }

    public static decimal Required(decimal? value, RestingOrder order, string what) =>
        value ?? throw new InvalidOperationException($"{order.Type} order {order.Id} has no {what}.");

    private static bool StopCrossed(OrderSide side, decimal touch, decimal stop) =>
        side == OrderSide.Buy ? touch >= stop : touch <= stop;

    private static (RestingOrder, OrderFillEvent?) Take(RestingOrder order, Quote quote, MatchContext ctx, QuotedSize size, long? randomKey)
    {
        var quantity = size.Executable(order.Side, order.Quantity, ctx.Instrument.LotSize);
        // A triggered stop is a market order: what the book it walks cannot give is canceled, as on arrival.
        var sweeps = order.IsStopKind && size.Walks(order.Side);
        if (quantity <= 0m)
        {
            return (sweeps ? BookRanOut(order) : order, null);
        }

        var random = Random(order, quote, ctx, randomKey);
        var price = ctx.MarketFillModel.Price(new FillContext(
            order.Side, order.Type, quantity, quote, ctx.Instrument, ctx.SpreadFractionWhenLastOnly, ctx.Slippage, random));
        if (price is null)
        {
            return (order, null);
        }

        var (next, fill) = Fill(order, quantity, price, LiquidityRole.Taker, quote, ctx, size, random, walks: size.Walks(order.Side));
        return (sweeps && next.Quantity > 0m ? BookRanOut(next) : next, fill);
    }

    private static RestingOrder BookRanOut(RestingOrder order) => order.Transition(
        OrderStatus.Canceled,
        $"stop triggered: {Fmt.Qty(order.FilledQuantity)} filled, the book ran out: remaining {Fmt.Qty(order.Quantity)} canceled (a triggered stop is a market order and never rests)");

    private static (RestingOrder, OrderFillEvent?) Limit(
        RestingOrder order, decimal touch, Quote quote, MatchContext ctx, QuotedSize size, bool taker, long? randomKey)
    {
        var limit = Required(order.LimitPrice, order, "limit price");
        var buy = order.Side == OrderSide.Buy;
        if (buy ? touch > limit : touch < limit)
        {
            return (order, null);
        }

        // A taker, or a resting limit the quote trades through, walks the book where there is one; a resting limit the
        // quote only touches is a passive fill and takes the touch's size.
        var walks = size.Walks(order.Side) && (taker || touch != limit);
        if (!taker && ctx.Queued(order))
        {
            // Queue model: a touch leaves the fill to the prints; a quote through the limit took the whole queue.
            if (touch == limit)
            {
                return (order, null);
            }

            return walks ? QueuedThrough(order, limit, quote, ctx, size) : Queued(order, order.Quantity, quote, ctx);
        }

        var quantity = size.Executable(order.Side, order.Quantity, ctx.Instrument.LotSize, limit, walks);
        if (quantity <= 0m)
        {
            return (order, null);
        }

        var random = Random(order, quote, ctx, randomKey);
        var fraction = 0m;
        if (taker)
        {
            fraction = ctx.Slippage.SlippageFraction(new SlippageContext(
                order.Side, OrderType.Limit, touch, quantity, EngineMath.Notional(quantity, touch), quote, random));
        }
        else if (touch == limit && ctx.FillProbabilityOnTouch < 1m && random.NextDecimal() >= ctx.FillProbabilityOnTouch)
        {
            return (order, null); // touched but not reached in the queue this time
        }

        var raw = buy ? touch * (1m + fraction) : touch * (1m - fraction);
        var rounded = EngineMath.RoundPriceAgainst(order.Side, raw, ctx.Instrument.TickSize);
        var price = buy ? Math.Min(rounded, limit) : Math.Max(rounded, limit);
        var fill = new FillPrice(touch, price, fraction, Math.Abs(price - touch));
        return Fill(order, quantity, fill, taker ? LiquidityRole.Taker : LiquidityRole.Maker, quote, ctx, size, random, walks);
    }

    /// <summary>A queued limit the quote traded through, under a book: what the book holds up to its limit (the rest stays queued, first).</summary>
    private static (RestingOrder, OrderFillEvent?) QueuedThrough(RestingOrder order, decimal limit, Quote quote, MatchContext ctx, QuotedSize size)
    {
        var quantity = size.Executable(order.Side, order.Quantity, ctx.Instrument.LotSize, limit);
        return quantity <= 0m ? (order, null) : Queued(order, quantity, quote, ctx, size);
    }

    /// <summary>
    /// A queued limit's fill of <paramref name="quantity"/> at its limit (maker, no slippage), met at <paramref name="quote"/>:
    /// prints worked off the queue ahead, or the market traded through. Recorded under the fill model "queue".
    /// </summary>
    public static (RestingOrder Order, OrderFillEvent? Fill) Queued(RestingOrder order, decimal quantity, Quote quote, MatchContext ctx, QuotedSize? book = null)
    {
        var limit = Required(order.LimitPrice, order, "limit price");
        var (next, fill) = Fill(
            order, quantity, new FillPrice(limit, limit, 0m, 0m), LiquidityRole.Maker, quote, ctx, book ?? QuotedSize.Unbounded(), Random(order, quote, ctx, null), walks: book is not null);
        return (next with { QueueAhead = 0m }, fill! with { FillModel = QueueFillModel });
    }

    private static (RestingOrder, OrderFillEvent?) Fill(
        RestingOrder order,
        decimal quantity,
        FillPrice price,
        LiquidityRole role,
        Quote quote,
        MatchContext ctx,
        QuotedSize size,
        DeterministicRandom random,
        bool walks)
    {
        var notional = EngineMath.Notional(quantity, price.Price);
        var fee = ctx.Fees.Fee(new FeeContext(notional, role));
        var remaining = order.Quantity - quantity;
        var status = remaining == 0m ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        var reason = $"{(remaining == 0m ? "filled" : "partially filled")} {Fmt.Qty(quantity)} at {Fmt.Qty(price.Price)} ({role.ToString().ToUpperInvariant()})";
        var next = order.WithFill(quantity, price.Price).Transition(status, reason);
        size.Consume(order.Side, quantity, walks);
        var fill = new OrderFillEvent(
            order.Id,
            order.Symbol,
            order.Side,
            order.Type,
            quantity,
            price.Price,
            price.ReferencePrice,
            price.SlippageFraction,
            price.SlippagePerUnit,
            notional,
            role,
            fee,
            ctx.Now,
            unchecked((long)random.Seed),
            order.OcoGroup,
            order.ParentDecisionId)
        {
            WalksBook = walks,
        };
        return (next, fill);
    }

    // One generator per (order, quote), independent of how many orders or quotes are processed.
    private static DeterministicRandom Random(RestingOrder order, Quote quote, MatchContext ctx, long? randomKey) =>
        DeterministicRandom.For(ctx.AccountSeed, randomKey ?? order.Id ^ quote.Time.UtcTicks);
}
