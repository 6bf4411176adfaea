using Trading.Engine.Execution;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;

namespace Trading.Data.Execution;

/// <summary>The rows a batch writes, table by table, built from the engine's outcomes.</summary>
internal sealed class BatchRows
{
    private readonly Column<long> filledId = new(), filledDecision = new();
    private readonly Column<string> filledAccount = new(), filledSymbol = new(), filledSide = new(), filledType = new(), filledTif = new();
    private readonly Column<decimal> filledQuantity = new(), filledPrice = new();
    private readonly Column<bool> filledReduceOnly = new();

    private readonly Column<long> orderId = new();
    private readonly Column<long?> orderDecision = new(), orderParent = new(), orderOco = new();
    private readonly Column<string> orderAccount = new(), orderSymbol = new(), orderSide = new(), orderType = new(), orderTif = new(),
        orderStatus = new(), orderRole = new();
    private readonly Column<decimal> orderQuantity = new(), orderFilled = new();
    private readonly Column<decimal?> orderAverage = new(), orderLimit = new(), orderStop = new(), orderTrailing = new(), orderBest = new();
    private readonly Column<string?> orderReason = new();
    private readonly Column<bool> orderReduceOnly = new(), orderTrailingPercent = new(), orderTriggered = new();
    private readonly Column<DateTimeOffset?> orderExpires = new(), orderThrough = new();
    private readonly Column<DateTimeOffset> orderCreated = new();

    private readonly Column<long> updateId = new();
    private readonly Column<string> updateStatus = new();
    private readonly Column<decimal> updateFilled = new(), updateWasFilled = new();
    private readonly Column<decimal?> updateAverage = new(), updateStop = new(), updateBest = new();
    private readonly Column<string?> updateReason = new();
    private readonly Column<bool> updateTriggered = new();
    private readonly Column<DateTimeOffset?> updateThrough = new();

    private readonly Column<string> markAccount = new(), markSymbol = new();
    private readonly Column<DateTimeOffset> markThrough = new();

    private readonly Column<long> cancelId = new();
    private readonly Column<bool> cancelDone = new();
    private readonly Column<string> cancelOutcome = new();

    private readonly Column<long> fillId = new(), fillOrder = new(), fillSeed = new();
    private readonly Column<string> fillAccount = new(), fillSymbol = new(), fillSide = new(), fillLiquidity = new();
    private readonly Column<decimal> fillQuantity = new(), fillPrice = new(), fillNotional = new(), fillFee = new(),
        fillReference = new(), fillSlippageFraction = new(), fillSlippageCost = new();
    private readonly Column<decimal?> fillDecisionPrice = new(), quoteBid = new(), quoteAsk = new(), quoteLast = new(),
        quoteBidSize = new(), quoteAskSize = new();
    private readonly Column<DateTimeOffset> quoteTime = new();
    private readonly Column<TimeSpan> fillLatency = new();
    private readonly Column<string> fillSlippageModel = new(), fillFeeModel = new(), fillParameters = new();

    private readonly Column<string> tradeAccount = new(), tradeSymbol = new(), tradeSide = new();
    private readonly Column<decimal> tradeQuantity = new(), tradeEntryPrice = new(), tradeExitPrice = new(),
        tradeEntryCost = new(), tradeExitNotional = new(), tradeGross = new(), tradeEntryFees = new(),
        tradeExitFees = new(), tradeNet = new(), tradeFees = new();
    private readonly Column<DateTimeOffset> tradeEntryTime = new(), tradeExitTime = new();
    private readonly Column<long> tradeOrder = new();
    private readonly Column<long?> tradeDecision = new();
    private readonly Column<string?> tradeAgent = new(), tradeStrategy = new();
    private readonly Column<TimeSpan> tradeHold = new();

    private readonly Column<string> ledgerAccount = new(), ledgerKind = new(), ledgerSymbol = new();
    private readonly Column<decimal> ledgerAmount = new();
    private readonly Column<long> ledgerOrder = new(), ledgerFill = new();

    private readonly Column<string> changedAccount = new(), changedSymbol = new();
    private readonly Column<string> positionAccount = new(), positionSymbol = new(), positionSide = new();
    private readonly Column<decimal> positionQuantity = new(), positionCost = new(), positionFees = new();
    private readonly Column<DateTimeOffset> positionOpened = new();

    private readonly Column<string> cashAccount = new();
    private readonly Column<decimal> cashAmount = new();
    private readonly Column<string?> cashHalt = new();

    private readonly Column<long> decisionId = new();
    private readonly Column<string> decisionStatus = new(), decisionReason = new();
    private readonly Column<long?> decisionOrder = new();

    private BatchRows()
    {
        FilledOrders = new RowSet(filledId, filledAccount, filledDecision, filledSymbol, filledSide, filledType, filledTif, filledQuantity,
            filledPrice, filledReduceOnly);
        Orders = new RowSet(orderId, orderAccount, orderDecision, orderSymbol, orderSide, orderType, orderTif, orderQuantity, orderStatus,
            orderFilled, orderAverage, orderReason, orderLimit, orderStop, orderRole, orderParent, orderReduceOnly, orderOco, orderTrailing,
            orderTrailingPercent, orderBest, orderTriggered, orderExpires, orderThrough, orderCreated);
        OrderUpdates = new RowSet(updateId, updateStatus, updateFilled, updateAverage, updateReason, updateStop, updateBest, updateTriggered,
            updateThrough, updateWasFilled);
        Cancels = new RowSet(cancelId, cancelDone, cancelOutcome);
        Marks = new RowSet(markAccount, markSymbol, markThrough);
        Fills = new RowSet(fillId, fillOrder, fillAccount, fillSymbol, fillSide, fillQuantity, fillPrice, fillNotional, fillFee,
            fillLiquidity, fillReference, fillSlippageFraction, fillSlippageCost, fillDecisionPrice, quoteTime, quoteBid, quoteAsk,
            quoteLast, quoteBidSize, quoteAskSize, fillSlippageModel, fillFeeModel, fillParameters, fillSeed, fillLatency);
        Trades = new RowSet(tradeAccount, tradeSymbol, tradeSide, tradeQuantity, tradeEntryPrice, tradeExitPrice, tradeEntryCost,
            tradeExitNotional, tradeEntryTime, tradeExitTime, tradeGross, tradeEntryFees, tradeExitFees, tradeNet, tradeOrder,
            tradeDecision, tradeAgent, tradeStrategy);
        TradeStats = new RowSet(tradeAccount, tradeExitTime, tradeNet, tradeGross, tradeFees, tradeHold);
        Ledger = new RowSet(ledgerAccount, ledgerKind, ledgerAmount, ledgerSymbol, ledgerOrder, ledgerFill);
        ChangedPositions = new RowSet(changedAccount, changedSymbol);
        Positions = new RowSet(positionAccount, positionSymbol, positionSide, positionQuantity, positionCost, positionFees, positionOpened);
        Cash = new RowSet(cashAccount, cashAmount, cashHalt);
        Decisions = new RowSet(decisionId, decisionStatus, decisionReason, decisionOrder);
    }

    /// <summary>New market orders filled in full on arrival: the narrow insert.</summary>
    public RowSet FilledOrders { get; }

    /// <summary>Every other new order, with its working state.</summary>
    public RowSet Orders { get; }

    /// <summary>Orders that were working when loaded, in their new state.</summary>
    public RowSet OrderUpdates { get; }

    public RowSet Cancels { get; }

    /// <summary>How far each (account, symbol) with working orders has met the quote path.</summary>
    public RowSet Marks { get; }

    public RowSet Fills { get; }

    public RowSet Trades { get; }

    /// <summary>The trades again, as the columns the aggregates need (same column objects, no copies).</summary>
    public RowSet TradeStats { get; }

    public RowSet Ledger { get; }

    public RowSet ChangedPositions { get; }

    public RowSet Positions { get; }

    public RowSet Cash { get; }

    public RowSet Decisions { get; }

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

            var loaded = account.OpenOrders.ToDictionary(o => o.Id);
            foreach (var order in orders)
            {
                if (!OrderIds.IsProvisional(order.Id))
                {
                    // An order the quotes only went past is not rewritten: the (account, symbol) mark says how far it got.
                    var before = loaded[order.Id];
                    if (order with { EvaluatedThrough = before.EvaluatedThrough } != before)
                    {
                        rows.AddUpdate(order, before);
                    }
                }
                else if (IsFilledMarket(order))
                {
                    rows.AddFilledMarket(account.Account, order, real[order.Id]);
                }
                else
                {
                    rows.AddOrder(account.Account, order, real[order.Id], RealOrNull(order.OcoGroup));
                }
            }

            foreach (var (symbol, through) in batch.PathFor(account).GroupBy(q => q.Symbol, StringComparer.Ordinal).Select(g => (g.Key, g.Max(q => q.Time))))
            {
                rows.markAccount.Add(account.Account);
                rows.markSymbol.Add(symbol);
                rows.markThrough.Add(through.ToUniversalTime());
                rows.Marks.EndRow();
            }

            foreach (var fill in result.Fills ?? [])
            {
                rows.AddFill(account, fill, Real(fill.OrderId), fillIds[nextFill++]);
            }

            foreach (var outcome in result.Outcomes)
            {
                rows.decisionId.Add(outcome.DecisionId);
                rows.decisionStatus.Add(SqlText.Of(outcome.Status));
                rows.decisionReason.Add(outcome.Reason);
                rows.decisionOrder.Add(RealOrNull(outcome.OrderId));
                rows.Decisions.EndRow();
            }

            foreach (var cancel in result.Cancels ?? [])
            {
                rows.cancelId.Add(cancel.RequestId);
                rows.cancelDone.Add(cancel.Done);
                rows.cancelOutcome.Add(cancel.Reason);
                rows.Cancels.EndRow();
            }

            foreach (var symbol in result.ChangedSymbols)
            {
                rows.changedAccount.Add(account.Account);
                rows.changedSymbol.Add(symbol);
                rows.ChangedPositions.EndRow();
            }

            foreach (var position in result.Positions.Where(p => result.ChangedSymbols.Contains(p.Symbol)))
            {
                rows.positionAccount.Add(account.Account);
                rows.positionSymbol.Add(position.Symbol);
                rows.positionSide.Add(SqlText.Of(position.Side));
                rows.positionQuantity.Add(position.Quantity);
                rows.positionCost.Add(position.CostBasis);
                rows.positionFees.Add(position.EntryFees);
                rows.positionOpened.Add(position.OpenedAt.ToUniversalTime());
                rows.Positions.EndRow();
            }

            rows.cashAccount.Add(account.Account);
            rows.cashAmount.Add(result.Cash);
            rows.cashHalt.Add(result.HaltReason);
            rows.Cash.EndRow();
        }

        return rows;
    }

    /// <summary>A market entry filled in full when it arrived, with nothing else to remember: the narrow insert.</summary>
    private static bool IsFilledMarket(RestingOrder order) =>
        order.Type == OrderType.Market && order.Status == OrderStatus.Filled && order.Role == OrderRole.Entry
        && order.Quantity == 0m && order.OcoGroup is null && order.StatusReason is null;

    private void AddFilledMarket(string account, RestingOrder order, long id)
    {
        filledId.Add(id);
        filledAccount.Add(account);
        filledDecision.Add(order.ParentDecisionId ?? throw new InvalidOperationException($"Market order {order.Id} has no decision."));
        filledSymbol.Add(order.Symbol);
        filledSide.Add(SqlText.Of(order.Side));
        filledType.Add(SqlText.Of(order.Type));
        filledTif.Add(SqlText.Of(order.TimeInForce));
        filledQuantity.Add(order.FilledQuantity);
        filledPrice.Add(order.AverageFillPrice ?? throw new InvalidOperationException($"Filled order {order.Id} has no price."));
        filledReduceOnly.Add(order.ReduceOnly);
        FilledOrders.EndRow();
    }

    private void AddOrder(string account, RestingOrder order, long id, long? ocoGroup)
    {
        orderId.Add(id);
        orderAccount.Add(account);
        orderDecision.Add(order.Role == OrderRole.Entry ? order.ParentDecisionId : null);
        orderSymbol.Add(order.Symbol);
        orderSide.Add(SqlText.Of(order.Side));
        orderType.Add(SqlText.Of(order.Type));
        orderTif.Add(SqlText.Of(order.TimeInForce));
        orderQuantity.Add(order.OriginalQuantity);
        orderStatus.Add(SqlText.Of(order.Status));
        orderFilled.Add(order.FilledQuantity);
        orderAverage.Add(order.AverageFillPrice);
        orderReason.Add(order.StatusReason);
        orderLimit.Add(order.LimitPrice);
        orderStop.Add(order.StopPrice);
        orderRole.Add(SqlText.Of(order.Role));
        orderParent.Add(order.ParentDecisionId);
        orderReduceOnly.Add(order.ReduceOnly);
        orderOco.Add(ocoGroup);
        orderTrailing.Add(order.TrailingOffset);
        orderTrailingPercent.Add(order.TrailingIsPercent);
        orderBest.Add(order.BestPriceSincePlacement);
        orderTriggered.Add(order.Triggered);
        orderExpires.Add(order.ExpiresAt?.ToUniversalTime());
        orderThrough.Add(order.EvaluatedThrough?.ToUniversalTime());
        orderCreated.Add(order.PlacedAt.ToUniversalTime());
        Orders.EndRow();
    }

    private void AddUpdate(RestingOrder order, RestingOrder loaded)
    {
        updateId.Add(order.Id);
        updateStatus.Add(SqlText.Of(order.Status));
        updateFilled.Add(order.FilledQuantity);
        updateAverage.Add(order.AverageFillPrice);
        updateReason.Add(order.StatusReason);
        updateStop.Add(order.StopPrice);
        updateBest.Add(order.BestPriceSincePlacement);
        updateTriggered.Add(order.Triggered);
        updateThrough.Add(order.EvaluatedThrough?.ToUniversalTime());
        updateWasFilled.Add(loaded.FilledQuantity);
        OrderUpdates.EndRow();
    }

    private void AddFill(ClaimedAccount claimed, ExecutedFill executed, long order, long fill)
    {
        var account = claimed.Account;
        var symbol = executed.Symbol;
        var f = executed.Fill;
        fillId.Add(fill);
        fillOrder.Add(order);
        fillAccount.Add(account);
        fillSymbol.Add(symbol);
        fillSide.Add(SqlText.Of(executed.Side));
        fillQuantity.Add(f.Quantity);
        fillPrice.Add(f.Price);
        fillNotional.Add(f.Notional);
        fillFee.Add(f.Fee);
        fillLiquidity.Add(SqlText.Of(f.LiquidityRole));
        fillReference.Add(f.ReferencePrice);
        fillSlippageFraction.Add(f.SlippageFraction);
        fillSlippageCost.Add(f.SlippageCost);
        fillDecisionPrice.Add(executed.DecisionPrice);
        quoteTime.Add(f.Quote.Time.ToUniversalTime());
        quoteBid.Add(f.Quote.Bid);
        quoteAsk.Add(f.Quote.Ask);
        quoteLast.Add(f.Quote.Last);
        quoteBidSize.Add(f.Quote.BidSize);
        quoteAskSize.Add(f.Quote.AskSize);
        fillSlippageModel.Add(f.SlippageModel);
        fillFeeModel.Add(f.FeeModel);
        fillParameters.Add(SqlText.ModelParameters(f));
        fillSeed.Add(f.RngSeed);
        fillLatency.Add(executed.Latency);
        Fills.EndRow();

        foreach (var entry in executed.Ledger)
        {
            ledgerAccount.Add(account);
            ledgerKind.Add(SqlText.Of(entry.Kind));
            ledgerAmount.Add(entry.Amount);
            ledgerSymbol.Add(entry.Symbol);
            ledgerOrder.Add(order);
            ledgerFill.Add(fill);
            Ledger.EndRow();
        }

        foreach (var trade in executed.Trades)
        {
            tradeAccount.Add(account);
            tradeSymbol.Add(trade.Symbol);
            tradeSide.Add(SqlText.Of(trade.Side));
            tradeQuantity.Add(trade.Quantity);
            tradeEntryPrice.Add(trade.AverageEntryPrice);
            tradeExitPrice.Add(trade.ExitPrice);
            tradeEntryCost.Add(trade.EntryCost);
            tradeExitNotional.Add(trade.ExitNotional);
            tradeEntryTime.Add(trade.EntryTime.ToUniversalTime());
            tradeExitTime.Add(trade.ExitTime.ToUniversalTime());
            tradeGross.Add(trade.GrossPnl);
            tradeEntryFees.Add(trade.EntryFees);
            tradeExitFees.Add(trade.ExitFees);
            tradeNet.Add(trade.NetPnl);
            tradeFees.Add(trade.EntryFees + trade.ExitFees);
            tradeHold.Add(trade.ExitTime - trade.EntryTime);
            tradeOrder.Add(order);
            tradeDecision.Add(executed.DecisionId);
            tradeAgent.Add(executed.Agent);
            tradeStrategy.Add(executed.Strategy);
            Trades.EndRow();
        }
    }
}
