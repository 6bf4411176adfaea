using Trading.Engine.Faults;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;

namespace Trading.Engine.Execution;

/// <summary>
/// The one way a decision becomes an order: the order is built from the decision and its plan (strategy, decision
/// price and latency travel on it) and meets its arrival quote through <see cref="ArrivalPlanner"/>. A plain market
/// order is a market order against an unbounded quoted size (it fills in full at the touch, or is rejected when the
/// quote has no executable price); any other order may fill at once (Executed), rest (Placed) or die on arrival
/// (Expired). An arrival fill goes through <see cref="FillApplier"/> like any other; a refused one rejects the decision
/// and leaves no order. An entry's first fill attaches its bracket. Under the queue model a limit entry that rests
/// joins the queue at its price (<see cref="QueueMarket.AheadOnJoin"/>). An injected partial fill cuts the arrival fill
/// (<see cref="PartialFault"/>).
/// <para>
/// The minimum notional is checked at the price that sizes the order (a plain market order's: its fill price, known
/// once it meets the quote); orders that only reduce a position are exempt.
/// </para>
/// </summary>
internal sealed class OrderArrival(AccountState state, OrderBook book, FillApplier applier, DateTimeOffset now, QueueMarket market)
{
    public DecisionOutcome Place(OrderIntent intent)
    {
        var (decision, plan, quote, instrument, marks, sizingPrice) = intent;
        var config = state.Config;
        var immediate = decision.IsPlainMarket;
        if (!immediate && VenueBounds.MinNotionalRefusal(plan.ReducesOnly, plan.Quantity, sizingPrice, instrument) is { } tooSmall)
        {
            return Rejected(decision, tooSmall);
        }

        var order = NewOrder(decision, plan, immediate);
        var ctx = MatchContext.For(config, instrument, now, config.FillProbabilityOnTouch);
        var liquidity = TakerLiquidity.For(state, quote, plan.Side, instrument);
        var size = liquidity.Size(quote, plan.Side, immediate);
        var arrival = immediate ? ArrivalPlanner.PlaceImmediate(order, quote, ctx, decision.Id, size) : ArrivalPlanner.Place(order, quote, ctx, size);
        var faults = FaultInjector.Draw(config.Faults, config.RandomSeed, decision.Id);
        var (arrived, arrivalFill) = arrival.Fill is { } whole
            ? PartialFault.Cut(arrival.Order, whole, faults, instrument.LotSize, config.FeeModel)
            : (arrival.Order, null);
        var placed = immediate ? arrived : Join(arrived with { EvaluatedThrough = quote.Time }, quote, ctx);
        if (arrivalFill is not { } fill)
        {
            switch (placed.Status)
            {
                case OrderStatus.Rejected:
                    return Rejected(decision, arrival.Reason);
                case OrderStatus.Canceled when immediate:
                    return Rejected(decision, OrderStep.Touch(plan.Side, quote, config.SpreadFractionWhenLastOnly) is not null && liquidity.Exhausted(plan.Side) is { } gone
                        ? gone
                        : $"no executable {plan.Side.ToString().ToUpperInvariant()} price in the {decision.Symbol} quote");
                case OrderStatus.Expired or OrderStatus.Canceled:
                    return new DecisionOutcome(decision.Id, DecisionStatus.Expired, arrival.Reason, null);
            }

            book.Update(placed);
            return new DecisionOutcome(decision.Id, DecisionStatus.Placed, $"resting as {OrderText.Describe(placed)}: {Fmt.Qty(placed.Quantity)} {decision.Symbol} {Verb(plan.Side, past: false)}", null, placed.Id);
        }

        if (immediate && VenueBounds.MinNotionalRefusal(plan.ReducesOnly, plan.Quantity, fill.Price, instrument) is { } tooSmallAtFill)
        {
            return Rejected(decision, tooSmallAtFill);
        }

        var terms = new FillTerms(immediate, immediate && decision.Action == DecisionAction.Close, AtArrival: true);
        var levels = liquidity.Levels(fill, placed.LimitPrice, instrument);
        var applied = applier.Apply(order.Transition(OrderStatus.Open, "arrived"), placed, levels, quote, marks, terms);
        if (applied.Executed is not { } executed)
        {
            return Rejected(decision, applied.Refusal ?? "fill refused");
        }

        // An immediate order's reason is its decision's; one an injected partial fill cut keeps the fault's.
        var final = immediate && applied.Order.Status == OrderStatus.Canceled ? applied.Order with { StatusReason = arrived.StatusReason } : applied.Order;
        var entryPrice = applied.Fills.Count > 1 ? final.AverageFillPrice!.Value : executed.Fill.Price;
        var reason = applied.Fills.Count > 1
            ? $"{Verb(plan.Side, past: true)} {Fmt.Qty(applied.Fills.Sum(f => f.Fill.Quantity))} {decision.Symbol} at {Fmt.Qty(entryPrice)} on average over {applied.Fills.Count} book levels, fee {Fmt.Money(applied.Fills.Sum(f => f.Fill.Fee))}"
            : $"{Verb(plan.Side, past: true)} {Fmt.Qty(executed.Fill.Quantity)} {decision.Symbol} at {Fmt.Qty(executed.Fill.Price)}, fee {Fmt.Money(executed.Fill.Fee)}";
        if (applied.Note is { } note)
        {
            reason += $"; {note}";
        }

        if (book.AttachBracket(final, entryPrice, executed.Fill.Time, quote.Time) is { } refused)
        {
            reason += $"; bracket refused: {refused}";
        }

        book.Update(final);
        var status = DecisionStatus.Executed;
        if (final.IsActive)
        {
            status = DecisionStatus.Placed;
            reason += final.StatusReason is { } partial && partial.StartsWith(InjectedFaults.Prefix, StringComparison.Ordinal)
                ? $"; {partial}; {Fmt.Qty(final.Quantity)} resting as {OrderText.Describe(final)}"
                : $"; {Fmt.Qty(final.Quantity)} resting as {OrderText.Describe(final)}";
        }
        else if (final.Status == OrderStatus.Canceled)
        {
            reason += $"; {final.StatusReason}";
        }

        var result = new ExecutedOrder(plan.Side, decision.OrderType, plan.Quantity, applied.Fills, applied.PositionAfter);
        return new DecisionOutcome(decision.Id, status, reason, result, final.Id);
    }

    /// <summary>
    /// The order a decision places. A plain market order carries no price conditions or expiry (it never rests) and is
    /// numbered only when it fills (<see cref="FillApplier"/>); any other is numbered now.
    /// </summary>
    private RestingOrder NewOrder(DecisionRequest decision, OrderPlan plan, bool immediate)
    {
        var trailing = decision.OrderType == OrderType.TrailingStop && !immediate;
        return new RestingOrder
        {
            Id = immediate ? 0 : state.Journal.Reserve(1),
            AccountId = state.Config.AccountId,
            Symbol = decision.Symbol,
            Side = plan.Side,
            Type = decision.OrderType,
            TimeInForce = decision.TimeInForce,
            Quantity = plan.Quantity,
            LimitPrice = immediate ? null : decision.LimitPrice,
            StopPrice = immediate || trailing ? null : decision.StopPrice,
            TrailingOffset = trailing ? decision.TrailingOffset?.Value : null,
            TrailingIsPercent = trailing && decision.TrailingOffset?.Kind == ExitLevelKind.Fraction,
            ExpiresAt = immediate ? null : decision.ExpiresAt,
            PlacedAt = now,
            ParentDecisionId = decision.Id,
            ReduceOnly = decision.ReduceOnly || decision.Action == DecisionAction.Close,
            Bracket = plan.ReducesOnly ? null : decision.Bracket,
            Agent = decision.Agent,
            Login = decision.Login,
            Strategy = decision.Strategy,
            DecisionPrice = decision.CurrentPrice,
            Latency = decision.LatencyQuote is null ? TimeSpan.Zero : LatencyReadiness.Delay(state.Config, decision.Id),
        };
    }

    /// <summary>Queue model: a limit entry left resting joins the queue behind the size displayed at its price.</summary>
    private RestingOrder Join(RestingOrder order, Quote quote, MatchContext ctx) =>
        order.IsActive && ctx.Queued(order) && order.LimitPrice is { } limit
            ? order with { QueueAhead = market.AheadOnJoin(order.Side, limit, quote) }
            : order;

    private static string Verb(OrderSide side, bool past) => (side, past) switch
    {
        (OrderSide.Buy, true) => "bought",
        (OrderSide.Sell, true) => "sold",
        (OrderSide.Buy, false) => "to buy",
        _ => "to sell",
    };

    private static DecisionOutcome Rejected(DecisionRequest decision, string reason) =>
        new(decision.Id, DecisionStatus.Rejected, reason, null);
}
