using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Data.Execution;

/// <summary>The SQL spelling of the engine's enumerations (the CHECK constraints' vocabulary).</summary>
public static class SqlText
{
    /// <summary>A fill's models and their parameters, as paper_fills.model_parameters (and backtest_fills') hold them.</summary>
    public static string ModelParameters(Trading.Engine.Execution.Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return $"{{\"fill\":\"{fill.FillModel}\",\"slippage\":{fill.SlippageParameters},\"fee\":{fill.FeeParameters}}}";
    }

    public static string Of(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    public static string Of(PositionSide side) => side == PositionSide.Long ? "long" : "short";

    public static string Of(LiquidityRole role) => role == LiquidityRole.Maker ? "maker" : "taker";

    public static string Of(LedgerEntryKind kind) => kind == LedgerEntryKind.Fee ? "fee" : "trade";

    public static string Of(OrderType type) => type switch
    {
        OrderType.Market => "market",
        OrderType.Limit => "limit",
        OrderType.Stop => "stop",
        OrderType.StopLimit => "stop_limit",
        _ => "trailing_stop",
    };

    public static string Of(DecisionStatus status) => status switch
    {
        DecisionStatus.Pending => "pending",
        DecisionStatus.Executed => "executed",
        DecisionStatus.Skipped => "skipped",
        DecisionStatus.Rejected => "rejected",
        DecisionStatus.Failed => "failed",
        DecisionStatus.Placed => "placed",
        DecisionStatus.Canceled => "canceled",
        _ => "expired",
    };

    public static string Of(TimeInForce timeInForce) => timeInForce.ToString().ToLowerInvariant();

    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.New => "new",
        OrderStatus.Open => "open",
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.Filled => "filled",
        OrderStatus.Canceled => "canceled",
        OrderStatus.Rejected => "rejected",
        _ => "expired",
    };

    public static string Of(OrderRole role) => role switch
    {
        OrderRole.StopLoss => "stop_loss",
        OrderRole.TakeProfit => "take_profit",
        OrderRole.TrailingStop => "trailing_stop",
        _ => "entry",
    };
}
