namespace Trading.Engine.Orders.Resting;

/// <summary>
/// Every order given, in input order, in its new state (unchanged ones included), and the fills
/// in the order they happened. Persist orders whose state differs and apply the fills in order.
/// </summary>
public sealed record MatchResult(IReadOnlyList<RestingOrder> Orders, IReadOnlyList<OrderFillEvent> Fills);
