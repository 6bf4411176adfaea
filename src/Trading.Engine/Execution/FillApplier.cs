using Trading.Engine.Fees;
using Trading.Engine.Fills;
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
        RestingOrder before, RestingOrder after, OrderFillEvent fill, Quote quote, IReadOnlyDictionary<string, decimal> marks, FillTerms terms)
    {
        var config = state.Config;
        var symbol = fill.Symbol;
        var quantity = fill.Quantity;
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

            if (VenueBounds.FillRefusal(state.Portfolio.Book, symbol, fill.Side, quantity, fill.Price) is { } beyond)
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
                new BuyingPowerOrder(symbol, fill.Side, quantity, fill.Price, fill.Role, instrument.LotSize),
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
                if (VenueBounds.MinNotionalRefusal(before.ReduceOnly, quantity, fill.Price, instrument) is { } tooSmall)
                {
                    return Refuse(before, $"{check.Reason}; {tooSmall}");
                }
            }

            if (state.Risk is { } risk)
            {
                var verdict = risk.Check(state, marks, new RiskOrder(symbol, fill.Side, quantity, fill.Price, before.Agent, before.Login));
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

        var order = after;
        var notional = fill.Notional;
        var fee = fill.Fee;
        if (quantity != fill.Quantity)
        {
            // Capped (reduce-only) or resized (buying power): the order fills what passed and is done.
            notional = EngineMath.Notional(quantity, fill.Price);
            fee = config.FeeModel.Fee(new FeeContext(notional, fill.Role));
            order = (after with { Quantity = before.Quantity, FilledQuantity = before.FilledQuantity, AverageFillPrice = before.AverageFillPrice })
                .WithFill(quantity, fill.Price) with
            {
                Quantity = 0m,
                Status = OrderStatus.Filled,
                StatusReason = $"filled {Fmt.Qty(quantity)} at {Fmt.Qty(fill.Price)} ({fill.Role.ToString().ToUpperInvariant()}), capped at the {symbol} position (reduce-only)",
            };
        }

        if (terms.Immediate)
        {
            // The decision's reason tells its story; the order is numbered now that it has filled.
            order = order with { Id = state.Journal.Reserve(1), StatusReason = null, ExpiresAt = null };
        }

        var applied = state.Portfolio.ApplyFill(symbol, fill.Side, quantity, fill.Price, fee, fill.Time);
        var price = new FillPrice(fill.ReferencePrice, fill.Price, fill.SlippageFraction, fill.SlippagePerUnit);
        var priceVsDecision = terms.Immediate && order.DecisionPrice is { } decided ? fill.Price - decided : (decimal?)null;
        var record = Fill.Under(config, quantity, price, notional, fee, fill.Role, fill.Time, quote, fill.RngSeed, priceVsDecision, fill.FillModel);
        ClosedTrade[] trades = applied.Trade is null ? [] : [applied.Trade];
        var executed = new ExecutedFill(
            order.Id,
            symbol,
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
        return new FillOutcome(order, executed, applied.Position, null, note);
    }

    /// <summary>Whether the account holds a position that an order on <paramref name="side"/> reduces.</summary>
    public bool HasPositionToReduce(string symbol, OrderSide side) =>
        state.Portfolio.Book.Get(symbol) is { } position && position.Side == Reduces(side);

    private static PositionSide Reduces(OrderSide side) => side == OrderSide.Sell ? PositionSide.Long : PositionSide.Short;

    private static FillOutcome Refuse(RestingOrder before, string reason) =>
        new(before.Transition(OrderStatus.Canceled, reason), null, null, reason, null);
}
