namespace Trading.Engine.Orders.Resting;

/// <summary>
/// The order after its arrival quote: Filled, PartiallyFilled (resting remainder), Open (resting),
/// Canceled (IOC/FOK/market remainder) or Rejected (invalid or already expired), with the fill
/// if any. <see cref="Rests"/> says whether the caller must keep it for later quotes.
/// </summary>
public sealed record ArrivalResult(RestingOrder Order, OrderFillEvent? Fill, string Reason)
{
    public bool Rests => Order.IsActive;
}
