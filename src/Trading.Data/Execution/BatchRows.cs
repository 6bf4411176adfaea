using Trading.Engine.Execution;

namespace Trading.Data.Execution;

/// <summary>The rows a batch writes, table by table, built from the engine's outcomes.</summary>
internal sealed class BatchRows
{
    private readonly Column<long> orderId = new(), orderDecision = new();
    private readonly Column<string> orderAccount = new(), orderSymbol = new(), orderSide = new(), orderType = new();
    private readonly Column<decimal> orderQuantity = new(), orderPrice = new();
    private readonly Column<string?> orderReason = new();

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
    private readonly Column<long> tradeOrder = new(), tradeDecision = new();
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
        Orders = new RowSet(orderId, orderAccount, orderDecision, orderSymbol, orderSide, orderType, orderQuantity, orderPrice, orderReason);
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

    public RowSet Orders { get; }

    public RowSet Fills { get; }

    public RowSet Trades { get; }

    /// <summary>The trades again, as the columns the aggregates need (same column objects, no copies).</summary>
    public RowSet TradeStats { get; }

    public RowSet Ledger { get; }

    public RowSet ChangedPositions { get; }

    public RowSet Positions { get; }

    public RowSet Cash { get; }

    public RowSet Decisions { get; }

    public static BatchRows Build(ClaimedBatch batch, IReadOnlyList<BatchResult> results, (long Order, long Fill)[] ids)
    {
        var rows = new BatchRows();
        var next = 0;
        for (var a = 0; a < batch.Accounts.Count; a++)
        {
            var account = batch.Accounts[a];
            var result = results[a];
            var decisions = account.Decisions.ToDictionary(d => d.Request.Id);
            foreach (var outcome in result.Outcomes)
            {
                long? order = null;
                if (outcome.Order is { } executed)
                {
                    var (o, f) = ids[next++];
                    rows.AddExecution(account, decisions[outcome.DecisionId], executed, o, f);
                    order = o;
                }

                rows.decisionId.Add(outcome.DecisionId);
                rows.decisionStatus.Add(SqlText.Of(outcome.Status));
                rows.decisionReason.Add(outcome.Reason);
                rows.decisionOrder.Add(order);
                rows.Decisions.EndRow();
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

    private void AddExecution(ClaimedAccount claimed, PendingDecision decision, ExecutedOrder executed, long order, long fill)
    {
        var account = claimed.Account;
        var symbol = decision.Request.Symbol;
        var f = executed.Fill;
        orderId.Add(order);
        orderAccount.Add(account);
        orderDecision.Add(decision.Request.Id);
        orderSymbol.Add(symbol);
        orderSide.Add(SqlText.Of(executed.Side));
        orderType.Add(SqlText.Of(executed.Type));
        orderQuantity.Add(executed.FilledQuantity);
        orderPrice.Add(f.Price);
        orderReason.Add(null);
        Orders.EndRow();

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
        fillDecisionPrice.Add(decision.Request.CurrentPrice);
        quoteTime.Add(f.Quote.Time.ToUniversalTime());
        quoteBid.Add(f.Quote.Bid);
        quoteAsk.Add(f.Quote.Ask);
        quoteLast.Add(f.Quote.Last);
        quoteBidSize.Add(f.Quote.BidSize);
        quoteAskSize.Add(f.Quote.AskSize);
        fillSlippageModel.Add(f.SlippageModel);
        fillFeeModel.Add(f.FeeModel);
        fillParameters.Add($"{{\"fill\":\"{f.FillModel}\",\"slippage\":{f.SlippageParameters},\"fee\":{f.FeeParameters}}}");
        fillSeed.Add(f.RngSeed);
        fillLatency.Add(decision.Request.LatencyQuote is null ? TimeSpan.Zero : claimed.Latency);
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
            tradeDecision.Add(decision.Request.Id);
            tradeAgent.Add(decision.Request.Agent);
            tradeStrategy.Add(decision.Strategy);
            Trades.EndRow();
        }
    }
}
