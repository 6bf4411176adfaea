using Trading.Engine.Liquidity;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Data.Execution;

/// <summary>
/// The SQL spelling of the engine's enumerations (the CHECK constraints' vocabulary, which VocabularyTests compares
/// with the migrated schema), one table each, read and written through the same table.
/// </summary>
public static class SqlText
{
    /// <summary>A fill's models and their parameters, as paper_fills.model_parameters (and backtest_fills') hold them.</summary>
    public static string ModelParameters(Trading.Engine.Execution.Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return $"{{\"fill\":\"{fill.FillModel}\",\"slippage\":{fill.SlippageParameters},\"fee\":{fill.FeeParameters}}}";
    }

    public static readonly SqlVocabulary<DecisionAction> Actions = new(
        (DecisionAction.Buy, "BUY"), (DecisionAction.Sell, "SELL"), (DecisionAction.Close, "CLOSE"), (DecisionAction.Hold, "HOLD"));

    public static readonly SqlVocabulary<DecisionStatus> DecisionStatuses = new(
        (DecisionStatus.Pending, "pending"), (DecisionStatus.Executed, "executed"), (DecisionStatus.Skipped, "skipped"),
        (DecisionStatus.Rejected, "rejected"), (DecisionStatus.Failed, "failed"), (DecisionStatus.Placed, "placed"),
        (DecisionStatus.Canceled, "canceled"), (DecisionStatus.Expired, "expired"));

    public static readonly SqlVocabulary<OrderSide> Sides = new((OrderSide.Buy, "buy"), (OrderSide.Sell, "sell"));

    public static readonly SqlVocabulary<PositionSide> PositionSides = new((PositionSide.Long, "long"), (PositionSide.Short, "short"));

    public static readonly SqlVocabulary<LiquidityModel> LiquidityModels = new((LiquidityModel.Unbounded, "unbounded"), (LiquidityModel.Book, "book"));

    public static readonly SqlVocabulary<LiquidityRole> Liquidity = new((LiquidityRole.Maker, "maker"), (LiquidityRole.Taker, "taker"));

    public static readonly SqlVocabulary<LedgerEntryKind> LedgerKinds = new((LedgerEntryKind.TradeNotional, "trade"), (LedgerEntryKind.Fee, "fee"));

    public static readonly SqlVocabulary<OrderType> OrderTypes = new(
        (OrderType.Market, "market"), (OrderType.Limit, "limit"), (OrderType.Stop, "stop"), (OrderType.StopLimit, "stop_limit"),
        (OrderType.TrailingStop, "trailing_stop"));

    public static readonly SqlVocabulary<TimeInForce> TimesInForce = new(
        (TimeInForce.Gtc, "gtc"), (TimeInForce.Day, "day"), (TimeInForce.Ioc, "ioc"), (TimeInForce.Fok, "fok"), (TimeInForce.Gtd, "gtd"));

    public static readonly SqlVocabulary<OrderStatus> OrderStatuses = new(
        (OrderStatus.New, "new"), (OrderStatus.Open, "open"), (OrderStatus.PartiallyFilled, "partially_filled"),
        (OrderStatus.Filled, "filled"), (OrderStatus.Canceled, "canceled"), (OrderStatus.Rejected, "rejected"),
        (OrderStatus.Expired, "expired"));

    /// <summary>The working order statuses as a SQL list for <c>status IN …</c>, from the one C# definition.</summary>
    public static readonly string WorkingOrderStatuses =
        "(" + string.Join(", ", Enum.GetValues<OrderStatus>().Where(OrderStatusTransitions.IsWorking).Select(s => $"'{OrderStatuses.Text(s)}'")) + ")";

    public static readonly SqlVocabulary<OrderRole> OrderRoles = new(
        (OrderRole.Entry, "entry"), (OrderRole.StopLoss, "stop_loss"), (OrderRole.TakeProfit, "take_profit"),
        (OrderRole.TrailingStop, "trailing_stop"));

    public static readonly SqlVocabulary<Trading.Engine.Queue.LimitFillModel> LimitFillModels = new(
        (Trading.Engine.Queue.LimitFillModel.Touch, "touch"), (Trading.Engine.Queue.LimitFillModel.Queue, "queue"));

    public static string Of(OrderSide side) => Sides.Text(side);

    public static string Of(PositionSide side) => PositionSides.Text(side);

    public static string Of(LiquidityRole role) => Liquidity.Text(role);

    public static string Of(LedgerEntryKind kind) => LedgerKinds.Text(kind);

    public static string Of(OrderType type) => OrderTypes.Text(type);

    public static string Of(DecisionStatus status) => DecisionStatuses.Text(status);

    public static string Of(TimeInForce timeInForce) => TimesInForce.Text(timeInForce);

    public static string Of(OrderStatus status) => OrderStatuses.Text(status);

    public static string Of(OrderRole role) => OrderRoles.Text(role);
}
