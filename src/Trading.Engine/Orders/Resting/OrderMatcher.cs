using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// Matches working orders against one quote at a time. Matching rules:
/// <list type="number">
/// <item>Touch: a buy looks at the ask, a sell at the bid; a quote without that side uses
///   last × (1 ± spread/2). A quote with no usable price changes nothing.</item>
/// <item>Limit buy fills when ask ≤ limit at min(ask, limit) = the ask, sell when bid ≥ limit at
///   the bid: quotes are snapshots, so a touch beyond the limit is a gap and the trader gets the
///   better quoted price; at exactly the limit it fills at the limit. Resting limits are makers,
///   without slippage. A limit that is marketable when it arrives (or when its stop triggers) is a
///   taker: touch moved by slippage against the trader, then capped at the limit.</item>
/// <item>Fill probability: a resting limit touched exactly at its price fills only when
///   DeterministicRandom.For(account seed, order id ^ quote ticks).NextDecimal() &lt; p; a quote
///   through the limit always fills. Replays draw the same numbers.</item>
/// <item>Stop buy triggers when ask ≥ stop, stop sell when bid ≤ stop; it then fills like a
///   market order through the account's fill model on the same quote (taker, slippage against
///   the trader), so a quote that gaps through the stop fills at the gapped price, not the stop.</item>
/// <item>Stop-limit becomes a limit at its trigger: on the trigger quote it fills as a taker if
///   the limit is marketable; afterwards it rests as a maker.</item>
/// <item>Trailing stop: sell tracks the highest bid, buy the lowest ask since placement (this
///   quote included), level = best ∓ offset (amount, or fraction of best), rounded to the tick
///   away from the best; triggers and fills as a stop. The level freezes once triggered.</item>
/// <item>Size: when the quote carries a size (ask size for buys, bid size for sells) a fill is
///   capped at it, floored to the lot, and orders consume it in matching order; the rest keeps
///   working (PartiallyFilled). Without a size the whole remainder fills. A book-walking account's
///   takers (triggered stops, a stop-limit's activation) and limits the quote trades through walk
///   its book instead (<see cref="QuotedSize"/>): a limit up to its price, the rest working; a
///   stop's remainder is canceled, as a market order's. A limit the quote only touches keeps the
///   touch's size.</item>
/// <item>Matching order: stop kinds (stop, stop-limit, trailing) before limits, then by id. So
///   when two OCO legs could both fill on one quote, the loss-side stop fills and the other is
///   canceled: the conservative choice, since a snapshot cannot tell which came first.</item>
/// <item>OCO: once an order of a group fills, even partly, every other active order of the group
///   is canceled in the same evaluation, before it can fill on this quote or later ones.</item>
/// <item>Expiry: DAY and GTD orders expire (no fill) once now or the quote time reaches their
///   expiry (<see cref="TimeInForceRules"/>). IOC and FOK never rest: one found here is canceled.</item>
/// </list>
/// Orders of other symbols pass through unchanged. Fills are not applied to any portfolio: apply
/// each <see cref="OrderFillEvent"/> in order (and re-check the position for exits) at the caller.
/// </summary>
public static class OrderMatcher
{
    public static MatchResult Evaluate(IReadOnlyList<RestingOrder> orders, Quote quote, MatchContext ctx)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return Evaluate(orders, quote, ctx, new QuotedSize(quote));
    }

    /// <summary>Evaluates against <paramref name="size"/>: the quote's touch sizes, or the books a book-walking account takes from.</summary>
    internal static MatchResult Evaluate(IReadOnlyList<RestingOrder> orders, Quote quote, MatchContext ctx, QuotedSize size)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(ctx);

        var current = orders.ToArray();
        var fills = new List<OrderFillEvent>();
        var filledGroups = new Dictionary<long, long>();
        var sequence = Enumerable.Range(0, current.Length)
            .Where(i => current[i].IsActive && current[i].Symbol == quote.Symbol)
            .OrderBy(i => current[i].IsStopKind ? 0 : 1)
            .ThenBy(i => current[i].Id)
            .ToList();

        foreach (var i in sequence)
        {
            var order = current[i];
            if (order.OcoGroup is { } group && filledGroups.TryGetValue(group, out var filler))
            {
                current[i] = CancelByOco(order, filler);
                continue;
            }

            if (TimeInForceRules.IsExpired(order, quote.Time, ctx.Now))
            {
                current[i] = order.Transition(OrderStatus.Expired, $"{order.TimeInForce.ToString().ToUpperInvariant()} order expired");
                continue;
            }

            if (order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
            {
                current[i] = order.Transition(OrderStatus.Canceled, $"{order.TimeInForce.ToString().ToUpperInvariant()} order cannot rest");
                continue;
            }

            var (next, fill) = OrderStep.Run(order, quote, ctx, size, arrival: false);
            current[i] = next;
            if (fill is not null)
            {
                fills.Add(fill);
                if (order.OcoGroup is { } filledGroup)
                {
                    filledGroups.TryAdd(filledGroup, order.Id);
                }
            }
        }

        // Siblings matched before the leg that filled (they did not fill themselves) go too.
        for (var i = 0; i < current.Length; i++)
        {
            var order = current[i];
            if (order.IsActive && order.OcoGroup is { } group && filledGroups.TryGetValue(group, out var filler) && filler != order.Id)
            {
                current[i] = CancelByOco(order, filler);
            }
        }

        return new MatchResult(current, fills);
    }

    /// <summary>
    /// Evaluates the quotes in order, each at its own time (now = quote time), carrying the order
    /// states from one quote to the next. Fills are concatenated in the order they happened.
    /// </summary>
    public static MatchResult EvaluatePath(IReadOnlyList<RestingOrder> orders, IReadOnlyList<Quote> quotes, MatchContext ctx)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(ctx);

        IReadOnlyList<RestingOrder> current = orders;
        var fills = new List<OrderFillEvent>();
        foreach (var quote in quotes)
        {
            var step = Evaluate(current, quote, ctx with { Now = quote.Time });
            current = step.Orders;
            fills.AddRange(step.Fills);
        }

        return new MatchResult(current, fills);
    }

    /// <summary>
    /// Whether <paramref name="quote"/> can change <paramref name="order"/> at all: an expiry reached, a market, IOC/FOK or
    /// already-triggered order, a limit touched, a stop crossed, or a trailing stop whose best price moves or whose level
    /// is crossed. When false, <see cref="Evaluate(IReadOnlyList{RestingOrder}, Quote, MatchContext)"/> would return the order unchanged and no fill, so a caller that
    /// replays many quotes (a backtest) may skip the quote for this order. Conservative: true whenever unsure.
    /// </summary>
    public static bool MayAct(RestingOrder order, Quote quote, decimal spreadFractionWhenLastOnly)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(quote);
        if (!order.IsActive || !string.Equals(order.Symbol, quote.Symbol, StringComparison.Ordinal))
        {
            return false;
        }

        if (TimeInForceRules.IsExpired(order, quote.Time, quote.Time) || order.Triggered
            || order.Type == OrderType.Market || order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
        {
            return true;
        }

        if (OrderStep.Touch(order.Side, quote, spreadFractionWhenLastOnly) is not { } touch)
        {
            return false;
        }

        var buy = order.Side == OrderSide.Buy;
        return order.Type switch
        {
            OrderType.Limit => order.LimitPrice is not { } limit || (buy ? touch <= limit : touch >= limit),
            OrderType.Stop or OrderType.StopLimit => order.StopPrice is not { } stop || (buy ? touch >= stop : touch <= stop),
            OrderType.TrailingStop => order.BestPriceSincePlacement is not { } best || order.StopPrice is not { } level
                || (buy ? touch < best || touch >= level : touch > best || touch <= level),
            _ => true,
        };
    }

    private static RestingOrder CancelByOco(RestingOrder order, long filler) =>
        order.Transition(OrderStatus.Canceled, $"canceled by OCO: order {filler.ToString(System.Globalization.CultureInfo.InvariantCulture)} filled");
}
