using Trading.Engine.Execution;
using Trading.Engine.Orders.Resting;

namespace Trading.Data.Execution.Writing;

/// <summary>
/// Every table a batch writes, declared once: column name, PostgreSQL type (from the accessor's C# type) and how the value
/// is read from the engine's journal. <see cref="BatchStatements"/> generates the statements from these declarations;
/// adding a column to a table is one line here (WriteTableSchemaTests compares each declaration with the migrated table).
/// </summary>
internal static class BatchTables
{
    /// <summary>Market entries filled in full on arrival: the narrow insert (the rest of paper_orders takes its defaults).</summary>
    public static readonly WriteTable<NewOrderRow> FilledOrders = new("paper_orders", c =>
    [
        c.Column("order_id", r => r.Id),
        c.Column("account", r => r.Account),
        c.Column("epoch", r => r.Epoch),
        c.Column("decision_id", r => r.Order.ParentDecisionId ?? throw new InvalidOperationException($"Market order {r.Order.Id} has no decision.")),
        c.Column("symbol", r => r.Order.Symbol),
        c.Column("side", r => SqlText.Of(r.Order.Side)),
        c.Column("order_type", r => SqlText.Of(r.Order.Type)),
        c.Column("time_in_force", r => SqlText.Of(r.Order.TimeInForce)),
        c.Column("quantity", r => r.Order.FilledQuantity),
        c.Column("avg_fill_price", r => r.Order.AverageFillPrice ?? throw new InvalidOperationException($"Filled order {r.Order.Id} has no price.")),
        c.Column("reduce_only", r => r.Order.ReduceOnly),
    ]);

    /// <summary>Every other new order, with its working state.</summary>
    public static readonly WriteTable<NewOrderRow> Orders = new("paper_orders", c =>
    [
        c.Column("order_id", r => r.Id),
        c.Column("account", r => r.Account),
        c.Column("epoch", r => r.Epoch),
        c.Column("decision_id", r => r.Order.Role == OrderRole.Entry ? r.Order.ParentDecisionId : null),
        c.Column("symbol", r => r.Order.Symbol),
        c.Column("side", r => SqlText.Of(r.Order.Side)),
        c.Column("order_type", r => SqlText.Of(r.Order.Type)),
        c.Column("time_in_force", r => SqlText.Of(r.Order.TimeInForce)),
        c.Column("quantity", r => r.Order.OriginalQuantity),
        c.Column("status", r => SqlText.Of(r.Order.Status)),
        c.Column("filled_quantity", r => r.Order.FilledQuantity),
        c.Column("avg_fill_price", r => r.Order.AverageFillPrice),
        c.Column("reason", r => r.Order.StatusReason),
        c.Column("limit_price", r => r.Order.LimitPrice),
        c.Column("stop_price", r => r.Order.StopPrice),
        c.Column("role", r => SqlText.Of(r.Order.Role)),
        c.Column("parent_decision_id", r => r.Order.ParentDecisionId),
        c.Column("reduce_only", r => r.Order.ReduceOnly),
        c.Column("oco_group", r => r.OcoGroup),
        c.Column("trailing_offset", r => r.Order.TrailingOffset),
        c.Column("trailing_is_percent", r => r.Order.TrailingIsPercent),
        c.Column("best_price", r => r.Order.BestPriceSincePlacement),
        c.Column("triggered", r => r.Order.Triggered),
        c.Column("expires_at", r => r.Order.ExpiresAt),
        c.Column("evaluated_through", r => r.Order.EvaluatedThrough),
        c.Column("queue_ahead", r => r.Order.QueueAhead),
        c.Column("created_at", r => r.Order.PlacedAt),
    ]);

    /// <summary>Orders that were working when loaded, in their new state, guarded by the fill quantity they were loaded with.</summary>
    public static readonly WriteTable<OrderUpdateRow> OrderUpdates = new("paper_orders", c =>
    [
        c.Column("order_id", r => r.Order.Id),
        c.Column("status", r => SqlText.Of(r.Order.Status)),
        c.Column("filled_quantity", r => r.Order.FilledQuantity),
        c.Column("avg_fill_price", r => r.Order.AverageFillPrice),
        c.Column("reason", r => r.Order.StatusReason),
        c.Column("stop_price", r => r.Order.StopPrice),
        c.Column("best_price", r => r.Order.BestPriceSincePlacement),
        c.Column("triggered", r => r.Order.Triggered),
        c.Column("evaluated_through", r => r.Order.EvaluatedThrough),
        c.Column("queue_ahead", r => r.Order.QueueAhead),
        c.Value("was_filled", r => r.WasFilled),
    ]);

    /// <summary>How far each (account, symbol) with working orders has met the quote path.</summary>
    public static readonly WriteTable<MarkRow> Marks = new("paper_order_marks", c =>
    [
        c.Column("account", r => r.Account),
        c.Column("symbol", r => r.Symbol),
        c.Column("evaluated_through", r => r.Through),
    ]);

    public static readonly WriteTable<CancelOutcome> Cancels = new("paper_cancel_requests", c =>
    [
        c.Column("request_id", r => r.RequestId),
        c.Value("done", r => r.Done),
        c.Column("outcome", r => r.Reason),
    ]);

    public static readonly WriteTable<FillRow> Fills = new("paper_fills", c =>
    [
        c.Column("fill_id", r => r.FillId),
        c.Column("order_id", r => r.OrderId),
        c.Column("account", r => r.Account.Account),
        c.Column("epoch", r => r.Account.Epoch),
        c.Column("symbol", r => r.Executed.Symbol),
        c.Column("side", r => SqlText.Of(r.Executed.Side)),
        c.Column("quantity", r => r.Executed.Fill.Quantity),
        c.Column("price", r => r.Executed.Fill.Price),
        c.Column("notional", r => r.Executed.Fill.Notional),
        c.Column("fee", r => r.Executed.Fill.Fee),
        c.Column("liquidity", r => SqlText.Of(r.Executed.Fill.LiquidityRole)),
        c.Column("reference_price", r => r.Executed.Fill.ReferencePrice),
        c.Column("slippage_fraction", r => r.Executed.Fill.SlippageFraction),
        c.Column("slippage_cost", r => r.Executed.Fill.SlippageCost),
        c.Column("decision_price", r => r.Executed.DecisionPrice),
        c.Column("quote_time", r => r.Executed.Fill.Quote.Time),
        c.Column("quote_bid", r => r.Executed.Fill.Quote.Bid),
        c.Column("quote_ask", r => r.Executed.Fill.Quote.Ask),
        c.Column("quote_last", r => r.Executed.Fill.Quote.Last),
        c.Column("quote_bid_size", r => r.Executed.Fill.Quote.BidSize),
        c.Column("quote_ask_size", r => r.Executed.Fill.Quote.AskSize),
        c.Column("slippage_model", r => r.Executed.Fill.SlippageModel),
        c.Column("fee_model", r => r.Executed.Fill.FeeModel),
        c.Column("model_parameters", r => SqlText.ModelParameters(r.Executed.Fill)),
        c.Column("random_seed", r => r.Executed.Fill.RngSeed),
        c.Column("latency", r => r.Executed.Latency),
        c.Column("book", r => r.Executed.Fill.Book?.Kind),
        c.Column("book_time", r => r.Executed.Fill.Book?.Time),
        c.Column("book_level", r => r.Executed.Fill.Book?.Level),
        c.Column("book_levels", r => r.Executed.Fill.Book?.Levels),
        c.Column("impact", r => r.Executed.Fill.Impact?.ToJson()),
    ]);

    public static readonly WriteTable<TradeRow> Trades = new("paper_trades", c =>
    [
        c.Column("account", r => r.Account),
        c.Column("epoch", r => r.Epoch),
        c.Column("symbol", r => r.Trade.Symbol),
        c.Column("side", r => SqlText.Of(r.Trade.Side)),
        c.Column("quantity", r => r.Trade.Quantity),
        c.Column("entry_price", r => r.Trade.AverageEntryPrice),
        c.Column("exit_price", r => r.Trade.ExitPrice),
        c.Column("entry_cost", r => r.Trade.EntryCost),
        c.Column("exit_notional", r => r.Trade.ExitNotional),
        c.Column("entry_time", r => r.Trade.EntryTime),
        c.Column("exit_time", r => r.Trade.ExitTime),
        c.Column("realized_pnl", r => r.Trade.GrossPnl),
        c.Column("entry_fees", r => r.Trade.EntryFees),
        c.Column("exit_fees", r => r.Trade.ExitFees),
        c.Column("net_pnl", r => r.Trade.NetPnl),
        c.Column("close_order_id", r => r.OrderId),
        c.Column("decision_id", r => r.Executed.DecisionId),
        c.Column("agent", r => r.Executed.Agent),
        c.Column("strategy", r => r.Executed.Strategy),
    ]);

    /// <summary>The trades again as paper_add_trades' arguments: the read-side aggregates move with the trades.</summary>
    public static readonly WriteTable<TradeRow> TradeStats = new("paper_add_trades", c =>
    [
        c.Value("account", r => r.Account),
        c.Value("epoch", r => r.Epoch),
        c.Value("exit_time", r => r.Trade.ExitTime),
        c.Value("net_pnl", r => r.Trade.NetPnl),
        c.Value("realized_pnl", r => r.Trade.GrossPnl),
        c.Value("fees", r => r.Trade.EntryFees + r.Trade.ExitFees),
        c.Value("hold", r => r.Trade.ExitTime - r.Trade.EntryTime),
    ]);

    public static readonly WriteTable<LedgerRow> Ledger = new("paper_ledger", c =>
    [
        c.Column("account", r => r.Account),
        c.Column("epoch", r => r.Epoch),
        c.Column("kind", r => SqlText.Of(r.Entry.Kind)),
        c.Column("amount", r => r.Entry.Amount),
        c.Column("symbol", r => r.Entry.Symbol),
        c.Column("order_id", r => r.OrderId),
        c.Column("fill_id", r => r.FillId),
    ]);

    /// <summary>The (account, symbol) positions the batch changed: deleted, then the open ones inserted again.</summary>
    public static readonly WriteTable<PositionKey> ChangedPositions = new("paper_positions", c =>
    [
        c.Column("account", r => r.Account),
        c.Column("symbol", r => r.Symbol),
    ]);

    public static readonly WriteTable<PositionRow> Positions = new("paper_positions", c =>
    [
        c.Column("account", r => r.Account),
        c.Column("symbol", r => r.Position.Symbol),
        c.Column("side", r => SqlText.Of(r.Position.Side)),
        c.Column("quantity", r => r.Position.Quantity),
        c.Column("cost_basis", r => r.Position.CostBasis),
        c.Column("entry_fees", r => r.Position.EntryFees),
        c.Column("opened_at", r => r.Position.OpenedAt),
    ]);

    public static readonly WriteTable<CashRow> Cash = new("accounts", c =>
    [
        c.Column("account", r => r.Account),
        c.Column("cash", r => r.Result.Cash),
        c.Value("halt", r => r.Result.HaltReason),
    ]);

    public static readonly WriteTable<OutcomeRow> Decisions = new("trading_decisions", c =>
    [
        c.Column("id", r => r.Outcome.DecisionId),
        c.Column("status", r => SqlText.Of(r.Outcome.Status)),
        c.Column("status_reason", r => r.Outcome.Reason),
        c.Column("order_id", r => r.OrderId),
    ]);

    /// <summary>Every declaration above (for the check against the migrated schema).</summary>
    public static IReadOnlyList<IDeclaredTable> All { get; } =
        [FilledOrders, Orders, OrderUpdates, Marks, Cancels, Fills, Trades, TradeStats, Ledger, ChangedPositions, Positions, Cash, Decisions];
}
