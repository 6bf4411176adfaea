using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// Places a new order on its arrival quote (the quote the decision executes against). Rules:
/// <list type="number">
/// <item>Invalid orders are Rejected with a reason: a limit or stop-limit without a limit price, a
///   stop or stop-limit without a stop price, a trailing stop without an offset (a fractional
///   offset must be below 1), GTD without expires_at. A DAY or GTD order already past its expiry
///   is Expired.</item>
/// <item>A limit price is rounded to the tick inwards (buy down, sell
///   up), so a fill never exceeds the limit the trader gave. DAY gets its expiry set here.</item>
/// <item>The order then meets the quote under the rules of <see cref="OrderMatcher"/> with arrival
///   semantics: a marketable limit is a taker and fills at the better market price (price
///   improvement), not at its limit; a stop whose level is already crossed triggers now.</item>
/// <item>GTC/DAY/GTD: what does not fill rests (Open, or PartiallyFilled against a thin quoted size).
///   IOC: fills what it can now and cancels the rest. FOK: fills all of it now (against the quoted
///   size when there is one) or nothing, and is canceled. A market order never rests: a remainder
///   left by a thin quote is canceled. Stop kinds with IOC/FOK that do not trigger now are canceled.</item>
/// </list>
/// </summary>
public static class ArrivalPlanner
{
    public static ArrivalResult Place(RestingOrder order, Quote quote, MatchContext ctx) =>
        Place(order, quote, ctx, quote is null ? QuotedSize.Unbounded() : new QuotedSize(quote));

    /// <summary>Places the order against <paramref name="size"/>: the quoted touch size, or the book it walks.</summary>
    internal static ArrivalResult Place(RestingOrder order, Quote quote, MatchContext ctx, QuotedSize size)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(ctx);
        if (order.Symbol != quote.Symbol)
        {
            throw new ArgumentException($"The quote is for {quote.Symbol}, the order for {order.Symbol}.", nameof(quote));
        }

        if (order.Status != OrderStatus.New)
        {
            throw new ArgumentException($"Order {order.Id} has already arrived (status {order.Status}).", nameof(order));
        }

        if (Invalid(order) is { } invalid)
        {
            return Done(order.Transition(OrderStatus.Rejected, invalid), null);
        }

        order = Normalize(order, ctx.Instrument.TickSize);
        if (TimeInForceRules.IsExpired(order, quote.Time, ctx.Now))
        {
            return Done(order.Transition(OrderStatus.Expired, $"{OrderText.Tif(order)} order expired before it arrived"), null);
        }

        var (next, fill) = OrderStep.Run(order, quote, ctx, size, arrival: true);
        switch (order.TimeInForce)
        {
            case TimeInForce.Fok when fill is null || next.Quantity > 0m:
                var available = fill?.Quantity ?? 0m;
                return Done(order.Transition(
                    OrderStatus.Canceled,
                    $"FOK not filled: {Fmt.Qty(available)} of {Fmt.Qty(order.Quantity)} executable on arrival"), null);

            case TimeInForce.Ioc when next.Quantity > 0m && next.IsActive:
                return Done(next.Transition(OrderStatus.Canceled, $"IOC: {Fmt.Qty(next.FilledQuantity)} filled, remaining {Fmt.Qty(next.Quantity)} canceled"), fill);
        }

        if (order.Type == OrderType.Market && next.Quantity > 0m)
        {
            return Done(next.Transition(OrderStatus.Canceled, $"market order: {Fmt.Qty(next.FilledQuantity)} filled, remaining {Fmt.Qty(next.Quantity)} canceled (no quoted size left)"), fill);
        }

        if (next.Status == OrderStatus.New)
        {
            next = next.Transition(OrderStatus.Open, $"resting {OrderText.Describe(next)}");
        }

        return Done(next, fill);
    }

    /// <summary>
    /// Places a decision's plain market order (market, not IOC/FOK): it executes at once against
    /// <paramref name="size"/> (unbounded: the book behind the quote is assumed deep; or the book it walks), and what the
    /// book cannot give is canceled, as for IOC. It never rests, so its time in force does not apply; without an
    /// executable price it is canceled. Its generator is seeded by <paramref name="decisionId"/>, as every market fill
    /// has been since the first replay.
    /// </summary>
    internal static ArrivalResult PlaceImmediate(RestingOrder order, Quote quote, MatchContext ctx, long decisionId, QuotedSize size)
    {
        if (order.Type != OrderType.Market || order.Status != OrderStatus.New)
        {
            throw new ArgumentException($"Only a new market order executes immediately (order {order.Id}: {order.Type}, {order.Status}).", nameof(order));
        }

        var (next, fill) = OrderStep.Run(order, quote, ctx, size, arrival: true, randomKey: decisionId);
        if (fill is null)
        {
            return Done(order.Transition(OrderStatus.Canceled, "no executable price in the quote"), null);
        }

        return next.Quantity > 0m
            ? Done(next.Transition(OrderStatus.Canceled, $"the book ran out: remaining {Fmt.Qty(next.Quantity)} canceled (market orders never rest)"), fill)
            : Done(next, fill);
    }

    private static ArrivalResult Done(RestingOrder order, OrderFillEvent? fill) =>
        new(order, fill, order.StatusReason ?? order.Status.ToString());

    private static string? Invalid(RestingOrder order)
    {
        if (order.Quantity <= 0m || order.FilledQuantity != 0m)
        {
            return $"a new order needs a quantity greater than zero and nothing filled (quantity {Fmt.Qty(order.Quantity)})";
        }

        if (order.Type is OrderType.Limit or OrderType.StopLimit && order.LimitPrice is null)
        {
            return $"{order.Type} order needs a limit price";
        }

        if (order.Type is OrderType.Stop or OrderType.StopLimit && order.StopPrice is null)
        {
            return $"{order.Type} order needs a stop price";
        }

        if (order.Type == OrderType.TrailingStop && order.TrailingOffset is not { } offset)
        {
            return "TrailingStop order needs a trailing offset";
        }

        if (order.Type == OrderType.TrailingStop && order.TrailingIsPercent && order.TrailingOffset >= 1m)
        {
            return $"a fractional trailing offset must be below 1 (got {Fmt.Qty(order.TrailingOffset.Value)}; 0.05 = 5 %)";
        }

        return order.TimeInForce == TimeInForce.Gtd && order.ExpiresAt is null ? "GTD order needs expires_at" : null;
    }

    private static RestingOrder Normalize(RestingOrder order, decimal tickSize)
    {
        var cautious = order.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var limit = order.LimitPrice is { } l ? EngineMath.RoundPriceAgainst(cautious, l, tickSize) : (decimal?)null;
        return order with
        {
            LimitPrice = limit,
            ExpiresAt = TimeInForceRules.ExpiryFor(order.TimeInForce, order.PlacedAt, order.ExpiresAt),
        };
    }

}
