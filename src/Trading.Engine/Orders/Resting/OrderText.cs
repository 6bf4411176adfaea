using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>How orders are named in reasons: "GTC limit 99.5", "DAY stop 95 limit 94.9", "GTC trailing stop at 97".</summary>
internal static class OrderText
{
    public static string Describe(RestingOrder order) => order.Type switch
    {
        OrderType.Limit => $"{Tif(order)} limit {Fmt.Qty(order.LimitPrice ?? 0m)}",
        OrderType.Stop => $"{Tif(order)} stop {Fmt.Qty(order.StopPrice ?? 0m)}",
        OrderType.StopLimit => $"{Tif(order)} stop {Fmt.Qty(order.StopPrice ?? 0m)} limit {Fmt.Qty(order.LimitPrice ?? 0m)}",
        OrderType.TrailingStop => $"{Tif(order)} trailing stop at {Fmt.Qty(order.StopPrice ?? 0m)}",
        _ => $"{Tif(order)} market",
    };

    public static string Tif(RestingOrder order) => order.TimeInForce.ToString().ToUpperInvariant();
}
