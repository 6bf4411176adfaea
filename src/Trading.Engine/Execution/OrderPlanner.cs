using Trading.Engine.MarketData;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Sizing;

namespace Trading.Engine.Execution;

/// <summary>
/// Turns a decision into a side and a quantity against the current position:
/// BUY covers an open short (all of it, or the explicit size, flipping long when larger), else opens
/// or adds a long. SELL sells an open long (all of it, or the explicit size; flipping short only
/// when shorting is allowed), else opens or adds a short when allowed. CLOSE flattens.
/// New exposure is sized by the explicit quantity or notional, else by the confidence/risk sizer.
/// A reduce-only BUY or SELL needs a position it reduces (short, long) and is capped at it; without one it is rejected.
/// Whether the order is reduce-only is the decision's choice (CLOSE always is): a plan that only reduces at planning
/// time is not reduce-only for that (see <see cref="OrderPlan.ReducesOnly"/>).
/// </summary>
internal static class OrderPlanner
{
    public static OrderPlan Plan(AccountState state, DecisionRequest decision, InstrumentSpec instrument, decimal markPrice, decimal equity)
    {
        var config = state.Config;
        var symbol = decision.Symbol;
        var position = state.Portfolio.Book.Get(symbol);
        if (decision.ReduceOnly && decision.Action is DecisionAction.Buy or DecisionAction.Sell)
        {
            return ReduceOnly(decision, position, instrument, markPrice);
        }

        switch (decision.Action)
        {
            case DecisionAction.Close:
                return position is null
                    ? OrderPlan.Refuse(DecisionStatus.Skipped, $"no open {symbol} position")
                    : new OrderPlan(Opposite(position.Side), position.Quantity, true, null, "close");

            case DecisionAction.Buy when position is { Side: PositionSide.Short }:
                return Reduce(OrderSide.Buy, position, ExplicitSize(decision, instrument, markPrice), instrument, decision);

            case DecisionAction.Sell when position is { Side: PositionSide.Long }:
                var size = ExplicitSize(decision, instrument, markPrice);
                if (size > position.Quantity && !config.AllowShorting)
                {
                    return OrderPlan.Rejected(
                        $"sell of {Fmt.Qty(size.Value)} {symbol} exceeds the long position of {Fmt.Qty(position.Quantity)} and shorting is disabled");
                }

                return Reduce(OrderSide.Sell, position, size, instrument, decision);

            case DecisionAction.Sell when !config.AllowShorting:
                return OrderPlan.Rejected($"no long {symbol} position to sell and shorting is disabled");

            case DecisionAction.Buy or DecisionAction.Sell:
                var side = decision.Action == DecisionAction.Buy ? OrderSide.Buy : OrderSide.Sell;
                return Open(side, state, decision, instrument, markPrice, equity);

            default:
                return OrderPlan.Rejected($"decision {decision.Action} cannot be planned as an order");
        }
    }

    private static OrderPlan Reduce(OrderSide side, Position position, decimal? explicitSize, InstrumentSpec instrument, DecisionRequest decision)
    {
        if (explicitSize is null)
        {
            return new OrderPlan(side, position.Quantity, true, null, "close");
        }

        return explicitSize.Value == 0m
            ? ZeroLots(decision, instrument)
            : new OrderPlan(side, explicitSize.Value, explicitSize.Value <= position.Quantity, null, "explicit size");
    }

    private static OrderPlan ReduceOnly(DecisionRequest decision, Position? position, InstrumentSpec instrument, decimal markPrice)
    {
        var side = decision.Action == DecisionAction.Buy ? OrderSide.Buy : OrderSide.Sell;
        var reduces = side == OrderSide.Buy ? PositionSide.Short : PositionSide.Long;
        if (position is null || position.Side != reduces)
        {
            return OrderPlan.Rejected($"reduce-only: no {reduces.ToString().ToLowerInvariant()} {decision.Symbol} position to reduce");
        }

        var size = ExplicitSize(decision, instrument, markPrice);
        return size == 0m
            ? ZeroLots(decision, instrument)
            : new OrderPlan(side, Math.Min(size ?? position.Quantity, position.Quantity), true, null, "reduce-only");
    }

    private static OrderPlan Open(OrderSide side, AccountState state, DecisionRequest decision, InstrumentSpec instrument, decimal markPrice, decimal equity)
    {
        var quantity = ExplicitSize(decision, instrument, markPrice)
            ?? PositionSizer.Quantity(equity, state.Config.MaxPositionFraction, decision.Confidence, decision.RiskScore, markPrice, instrument.LotSize);
        if (quantity > 0m)
        {
            return new OrderPlan(side, quantity, false, null, "open");
        }

        if (decision.Quantity is not null || decision.Notional is not null)
        {
            return ZeroLots(decision, instrument);
        }

        var target = PositionSizer.TargetNotional(equity, state.Config.MaxPositionFraction, decision.Confidence, decision.RiskScore);
        return OrderPlan.Rejected(
            $"sized quantity rounds down to 0 lots of {Fmt.Qty(instrument.LotSize)} {decision.Symbol}: target notional {Fmt.Money(target)} at price {Fmt.Qty(markPrice)}");
    }

    private static OrderPlan ZeroLots(DecisionRequest decision, InstrumentSpec instrument)
    {
        var requested = decision.Quantity is { } q
            ? $"quantity {Fmt.Qty(q)}"
            : $"notional {Fmt.Money(decision.Notional ?? 0m)}";
        return OrderPlan.Rejected($"requested {requested} rounds down to 0 lots of {Fmt.Qty(instrument.LotSize)} {decision.Symbol}");
    }

    private static decimal? ExplicitSize(DecisionRequest decision, InstrumentSpec instrument, decimal markPrice) =>
        decision.Quantity is { } quantity ? PositionSizer.FromQuantity(quantity, instrument.LotSize)
        : decision.Notional is { } notional ? PositionSizer.FromNotional(notional, markPrice, instrument.LotSize)
        : null;

    private static OrderSide Opposite(PositionSide side) => side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
}
