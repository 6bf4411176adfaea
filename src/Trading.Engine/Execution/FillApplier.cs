using Trading.Engine.Fills;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Risk;
using Trading.Engine.Risk.Limits;

namespace Trading.Engine.Execution;

/// <summary>
/// The one place a fill reaches the account, whatever produced it (an arrival or a later quote). Steps, in order:
/// <list type="number">
/// <item>Reduce-only cap: an order that may only reduce is capped at the position, and refused when there is no
///   position left to reduce.</item>
/// <item>Halt: a halted account fills nothing but reductions.</item>
/// <item>Buying power, after the venue's bounds: exposure within equity × leverage. Only an immediate fill (see
///   <see cref="FillTerms"/>) may be resized to what passes, and only where the account allows partial sizes; the
///   resized order must still meet the minimum notional.</item>
/// <item>Risk limits: a breached loss limit halts the account. The trade counts grow with each fill.</item>
/// <item>Portfolio: the fill moves cash and the position, and may close a trade.</item>
/// <item>Journal: the fill with its provenance (strategy, decision price, latency), in the order fills happen.</item>
/// </list>
/// A book walk's fills (one per level) are checked once, as one order at their volume-weighted price; a cap or a resize
/// keeps the best levels.
/// Reduce-only working orders skip buying power and risk limits: an exit must never be blocked by a limit. An immediate
/// order is checked in full (it is the decision acting now), and numbered only once it fills, so a refused one takes no
/// id (ids seed the generators of the orders placed after it).
/// </summary>
internal sealed class FillApplier(AccountState state, IReadOnlyDictionary<string, InstrumentSpec> instruments)
{
    /// <summary>
    /// Applies one fill of <paramref name="after"/> (the order's state with the fill) or refuses it; a refused order is
    /// <paramref name="before"/> (its state before the quote) canceled with the reason.
    /// </summary>
    public FillOutcome Apply(
        RestingOrder before, RestingOrder after, OrderFillEvent fill, Quote quote, IReadOnlyDictionary<string, decimal> marks, FillTerms terms) =>
        Apply(before, after, [fill], quote, marks, terms);

    /// <summary>Applies the fills of one order on one quote (a book walk's levels, best first) as one fill.</summary>
    public FillOutcome Apply(
        RestingOrder before, RestingOrder after, IReadOnlyList<OrderFillEvent> levels, Quote quote, IReadOnlyDictionary<string, decimal> marks, FillTerms terms)
    {
        var config = state.Config;
        var fill = levels[0];
        var symbol = fill.Symbol;
        var whole = levels.Sum(l => l.Quantity);
        var quantity = whole;
        // The checks see the walk as one order at its volume-weighted price (exact: quantity × it is the walk's notional).
        var checkPrice = levels.Count == 1 ? fill.Price : levels.Sum(l => l.Notional) / whole;
        var refused = terms.Immediate ? string.Empty : "not filled: ";
        string? note = null;
        if (before.ReduceOnly)
        {
            if (state.Portfolio.Book.Get(symbol) is not { } position || position.Side != Reduces(fill.Side))
            {
                return Refuse(before, $"reduce-only: no {symbol} position left to reduce");
            }

            quantity = Math.Min(quantity, position.Quantity);
        }
        else
        {
            if (state.HaltReason is { } halt)
            {
                return Refuse(before, $"account halted: {halt}");
            }

            if (VenueBounds.FillRefusal(state.Portfolio.Book, symbol, fill.Side, quantity, checkPrice) is { } beyond)
            {
                return Refuse(before, refused + beyond);
            }
        }

        if (!before.ReduceOnly || terms.Immediate)
        {
            var instrument = instruments[symbol];
            var check = BuyingPower.Check(
                state.Portfolio,
                marks,
                new BuyingPowerOrder(symbol, fill.Side, quantity, checkPrice, fill.Role, instrument.LotSize),
                config.FeeModel,
                new BuyingPowerPolicy(config.Leverage, config.AllowShorting, terms.Immediate && config.AllowPartialSize));
            if (!check.Allowed)
            {
                return Refuse(before, refused + check.Reason);
            }

            quantity = check.Quantity;
            if (check.Reduced)
            {
                note = check.Reason;
                if (VenueBounds.MinNotionalRefusal(before.ReduceOnly, quantity, checkPrice, instrument) is { } tooSmall)
                {
                    return Refuse(before, $"{check.Reason}; {tooSmall}");
                }
            }

            if (state.Risk is { } risk)
            {
                var verdict = risk.Check(state, marks, new RiskOrder(symbol, fill.Side, quantity, checkPrice, before.Agent, before.Login));
                if (!verdict.Allowed)
                {
                    if (verdict.HaltAccount)
                    {
                        state.Halt(verdict.Reason);
                    }

                    if (!(verdict.HaltAccount && terms.Flattens))
                    {
                        return Refuse(before, refused + verdict.Reason);
                    }
                }

                risk.Record(symbol, before.Agent, before.Login);
            }
        }

        // The order as its fills leave it (a walk's level may lie deeper than the touch the arrival priced it at).
        var order = Refilled(before, after, levels);
        if (quantity != whole)
        {
            // Capped (reduce-only) or resized (buying power): the order fills what passed, from the best levels, and is done.
            levels = WalkFills.Truncate(levels, quantity, config.FeeModel);
            order = levels.Aggregate(after with { Quantity = before.Quantity, FilledQuantity = before.FilledQuantity, AverageFillPrice = before.AverageFillPrice }, (o, l) => o.WithFill(l.Quantity, l.Price)) with
            {
                Quantity = 0m,
                Status = OrderStatus.Filled,
                StatusReason = $"filled {Fmt.Qty(quantity)} at {Fmt.Qty(fill.Price)} ({fill.Role.ToString().ToUpperInvariant()}), capped at the {symbol} position (reduce-only)",
            };
        }

        if (terms.Immediate)
        {
            // The decision's reason tells its story (a remainder the book could not fill keeps its own); the order is
            // numbered now that it has filled.
            order = order with { Id = state.Journal.Reserve(1), StatusReason = order.Status == OrderStatus.Canceled ? order.StatusReason : null, ExpiresAt = null };
        }

        var executed = new List<ExecutedFill>(levels.Count);
        Position? positionAfter = null;
        foreach (var level in levels)
        {
            (var done, positionAfter) = Book(order, level, quote, terms);
            executed.Add(done);
        }

        return new FillOutcome(order, executed[0], positionAfter, null, note) { Fills = executed };
    }

    private (ExecutedFill Executed, Position? Position) Book(RestingOrder order, OrderFillEvent fill, Quote quote, FillTerms terms)
    {
        var config = state.Config;
        var applied = state.Portfolio.ApplyFill(fill.Symbol, fill.Side, fill.Quantity, fill.Price, fill.Fee, fill.Time);
        var price = new FillPrice(fill.ReferencePrice, fill.Price, fill.SlippageFraction, fill.SlippagePerUnit);
        var priceVsDecision = terms.Immediate && order.DecisionPrice is { } decided ? fill.Price - decided : (decimal?)null;
        var book = fill.Book ?? BookProvenance.AtTouch((fill.Side == OrderSide.Buy ? quote.AskSize : quote.BidSize) is not null, fill.Quantity);
        var record = Fill.Under(config, fill.Quantity, price, fill.Notional, fill.Fee, fill.Role, fill.Time, quote, fill.RngSeed, priceVsDecision, fill.FillModel) with
        {
            Book = book,
            Impact = config.SlippageModel is SquareRootImpact impact && fill.Role == LiquidityRole.Taker ? impact.Price(fill.Symbol, book.OrderQuantity) : null,
        };
        ClosedTrade[] trades = applied.Trade is null ? [] : [applied.Trade];
        var executed = new ExecutedFill(
            order.Id,
            fill.Symbol,
            fill.Side,
            order.ParentDecisionId,
            order.Agent,
            record,
            trades,
            applied.Ledger,
            order.Strategy,
            OrderIds.IsProvisional(order.Id) ? order.DecisionPrice : null,
            terms.AtArrival ? order.Latency : TimeSpan.Zero);
        state.Journal.Fills.Add(executed);
        return (executed, applied.Position);
    }

    /// <summary>The order after a walk: <paramref name="after"/>'s status, its filled quantity and average from the levels.</summary>
    private static RestingOrder Refilled(RestingOrder before, RestingOrder after, IReadOnlyList<OrderFillEvent> levels)
    {
        var filled = levels.Aggregate(before, (o, l) => o.WithFill(l.Quantity, l.Price));
        return after with { Quantity = filled.Quantity, FilledQuantity = filled.FilledQuantity, AverageFillPrice = filled.AverageFillPrice };
    }

    /// <summary>Whether the account holds a position that an order on <paramref name="side"/> reduces.</summary>
    public bool HasPositionToReduce(string symbol, OrderSide side) =>
        state.Portfolio.Book.Get(symbol) is { } position && position.Side == Reduces(side);

    private static PositionSide Reduces(OrderSide side) => side == OrderSide.Sell ? PositionSide.Long : PositionSide.Short;

    private static FillOutcome Refuse(RestingOrder before, string reason) =>
        new(before.Transition(OrderStatus.Canceled, reason), null, null, reason, null);
}
