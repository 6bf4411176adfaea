using Trading.Engine.Execution;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;

namespace Trading.Data.Execution.Writing;

/// <summary>
/// The rows a batch writes, table by table, built from the engine's results with the real order and fill ids put in
/// place of the provisional ones. What each row stores is declared in <see cref="BatchTables"/>.
/// </summary>
internal sealed class BatchRows
{
    public List<NewOrderRow> FilledOrders { get; } = [];

    public List<NewOrderRow> Orders { get; } = [];

    public List<OrderUpdateRow> OrderUpdates { get; } = [];

    public List<MarkRow> Marks { get; } = [];

    public List<CancelOutcome> Cancels { get; } = [];

    public List<FillRow> Fills { get; } = [];

    public List<TradeRow> Trades { get; } = [];

    public List<LedgerRow> Ledger { get; } = [];

    public List<PositionKey> ChangedPositions { get; } = [];

    public List<PositionRow> Positions { get; } = [];

    public List<CashRow> Cash { get; } = [];

    public List<OutcomeRow> Decisions { get; } = [];

    public static BatchRows Build(ClaimedBatch batch, IReadOnlyList<BatchResult> results, long[] orderIds, long[] fillIds)
    {
        var rows = new BatchRows();
        var nextOrder = 0;
        var nextFill = 0;
        for (var a = 0; a < batch.Accounts.Count; a++)
        {
            var account = batch.Accounts[a];
            var result = results[a];
            var orders = result.Orders ?? [];

            // Provisional ids are consecutive in creation order: real ids keep that order.
            var real = new Dictionary<long, long>();
            foreach (var order in orders.Where(o => OrderIds.IsProvisional(o.Id)).OrderBy(o => o.Id))
            {
                real[order.Id] = orderIds[nextOrder++];
            }

            long Real(long id) => OrderIds.IsProvisional(id) ? real[id] : id;
            long? RealOrNull(long? id) => id is { } v ? Real(v) : null;

            rows.AddOrders(account, orders, real, RealOrNull);
            foreach (var (symbol, through) in batch.PathFor(account).GroupBy(q => q.Symbol, StringComparer.Ordinal).Select(g => (g.Key, g.Max(q => q.Time))))
            {
                rows.Marks.Add(new MarkRow(account.Account, symbol, through));
            }

            foreach (var fill in result.Fills ?? [])
            {
                rows.AddFill(new FillRow(account, fill, Real(fill.OrderId), fillIds[nextFill++]));
            }

            rows.Decisions.AddRange(result.Outcomes.Select(o => new OutcomeRow(o, RealOrNull(o.OrderId))));
            rows.Cancels.AddRange(result.Cancels ?? []);
            rows.ChangedPositions.AddRange(result.ChangedSymbols.Select(s => new PositionKey(account.Account, s)));
            rows.Positions.AddRange(result.Positions.Where(p => result.ChangedSymbols.Contains(p.Symbol)).Select(p => new PositionRow(account.Account, p)));
            rows.Cash.Add(new CashRow(account.Account, result));
        }

        return rows;
    }

    private void AddOrders(ClaimedAccount account, IReadOnlyList<RestingOrder> orders, Dictionary<long, long> real, Func<long?, long?> realOrNull)
    {
        var loaded = account.OpenOrders.ToDictionary(o => o.Id);
        foreach (var order in orders)
        {
            if (!OrderIds.IsProvisional(order.Id))
            {
                // An order the quotes only went past is not rewritten: the (account, symbol) mark says how far it got.
                var before = loaded[order.Id];
                if (order with { EvaluatedThrough = before.EvaluatedThrough } != before)
                {
                    OrderUpdates.Add(new OrderUpdateRow(order, before.FilledQuantity));
                }
            }
            else if (IsFilledMarket(order))
            {
                FilledOrders.Add(new NewOrderRow(real[order.Id], account.Account, account.Epoch, null, order));
            }
            else
            {
                Orders.Add(new NewOrderRow(real[order.Id], account.Account, account.Epoch, realOrNull(order.OcoGroup), order));
            }
        }
    }

    /// <summary>A market entry filled in full when it arrived, with nothing else to remember: the narrow insert.</summary>
    private static bool IsFilledMarket(RestingOrder order) =>
        order.Type == OrderType.Market && order.Status == OrderStatus.Filled && order.Role == OrderRole.Entry
        && order.Quantity == 0m && order.OcoGroup is null && order.StatusReason is null;

    private void AddFill(FillRow fill)
    {
        Fills.Add(fill);
        foreach (var entry in fill.Executed.Ledger)
        {
            Ledger.Add(new LedgerRow(fill.Account.Account, fill.Account.Epoch, entry, fill.OrderId, fill.FillId));
        }

        foreach (var trade in fill.Executed.Trades)
        {
            Trades.Add(new TradeRow(fill.Account.Account, fill.Account.Epoch, trade, fill.Executed, fill.OrderId));
        }
    }
}
