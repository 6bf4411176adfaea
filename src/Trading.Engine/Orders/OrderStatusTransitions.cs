using System.Collections.Frozen;

namespace Trading.Engine.Orders;

/// <summary>
/// The only allowed order status changes. Filled, Canceled, Rejected and Expired are terminal.
/// <code>
/// New             → Open, PartiallyFilled, Filled, Canceled, Rejected, Expired
/// Open            → PartiallyFilled, Filled, Canceled, Expired
/// PartiallyFilled → PartiallyFilled, Filled, Canceled, Expired
/// </code>
/// </summary>
public static class OrderStatusTransitions
{
    private static readonly FrozenDictionary<OrderStatus, FrozenSet<OrderStatus>> Allowed =
        new Dictionary<OrderStatus, FrozenSet<OrderStatus>>
        {
            [OrderStatus.New] = FrozenSet.Create(
                OrderStatus.Open, OrderStatus.PartiallyFilled, OrderStatus.Filled,
                OrderStatus.Canceled, OrderStatus.Rejected, OrderStatus.Expired),
            [OrderStatus.Open] = FrozenSet.Create(
                OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired),
            [OrderStatus.PartiallyFilled] = FrozenSet.Create(
                OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired),
        }.ToFrozenDictionary();

    public static bool IsTerminal(OrderStatus status) => !Allowed.ContainsKey(status);

    /// <summary>A working order: placed on the book and still able to fill (what "open orders" lists). The one definition.</summary>
    public static bool IsWorking(OrderStatus status) => status is OrderStatus.Open or OrderStatus.PartiallyFilled;

    public static bool IsAllowed(OrderStatus from, OrderStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static void Ensure(OrderStatus from, OrderStatus to)
    {
        if (!IsAllowed(from, to))
        {
            var why = IsTerminal(from) ? $" ({from} is terminal)" : string.Empty;
            throw new InvalidOperationException($"Order status cannot change from {from} to {to}{why}.");
        }
    }
}
