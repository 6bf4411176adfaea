using Trading.Engine.Fees;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;

namespace Trading.Engine.Faults;

/// <summary>
/// An injected partial fill, applied to an order's fill on arrival: only the drawn share of it executes (floored to the
/// lot). What is left is canceled for orders that never rest (market, stop and trailing-stop orders, IOC) and rests for
/// limit and stop-limit orders (GTC, DAY, GTD). A FOK order fills in full or not at all, so it is left whole, as is a fill
/// whose share rounds to no lot or to all of it. Later fills of a resting order are not cut again.
/// </summary>
internal static class PartialFault
{
    public static (RestingOrder Order, OrderFillEvent Fill) Cut(
        RestingOrder placed, OrderFillEvent fill, InjectedFaults faults, decimal lotSize, IFeeModel fees)
    {
        if (faults.PartialReason is not { } reason || placed.TimeInForce == TimeInForce.Fok)
        {
            return (placed, fill);
        }

        var kept = EngineMath.FloorToLot(fill.Quantity * faults.PartialFraction!.Value, lotSize);
        if (kept <= 0m || kept >= fill.Quantity)
        {
            return (placed, fill);
        }

        var notional = EngineMath.Notional(kept, fill.Price);
        var cut = fill with { Quantity = kept, Notional = notional, Fee = fees.Fee(new FeeContext(notional, fill.Role)) };
        var left = placed.Quantity + fill.Quantity - kept;
        var rests = placed.Type is OrderType.Limit or OrderType.StopLimit && placed.TimeInForce != TimeInForce.Ioc;
        var order = placed with
        {
            Quantity = left,
            FilledQuantity = placed.FilledQuantity - fill.Quantity + kept,
            Status = rests ? OrderStatus.PartiallyFilled : OrderStatus.Canceled,
            StatusReason = rests ? reason : $"{reason}; remaining {Fmt.Qty(left)} canceled",
        };
        return (order, cut);
    }
}
