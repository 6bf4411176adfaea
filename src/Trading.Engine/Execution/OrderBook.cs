using Trading.Engine.Impact;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;

namespace Trading.Engine.Execution;

/// <summary>
/// One batch's life of an account's working orders. Events are taken in time order: the quotes that arrived since each
/// order was last evaluated (the quote path), cancel requests, and, between them, the batch's decisions (the engine
/// calls <see cref="AdvanceTo"/> with each decision's time before executing it). Fills go through
/// <see cref="FillApplier"/>, as arrival fills do. Rules:
/// <list type="number">
/// <item>An order only meets quotes newer than the one it was last evaluated against (exactly once per quote).</item>
/// <item>A fill is applied to the portfolio at once, so the next fill, quote or decision sees it.</item>
/// <item>Reduce-only orders (bracket exits, CLOSE or reducing SELL/BUY orders) are capped at the position when they
///   fill and canceled when there is no position left to reduce; they bypass buying power and risk limits: an exit
///   must never be blocked by a limit.</item>
/// <item>Entries are checked when they fill, in the transaction that fills them: buying power (no partial resizing),
///   then the risk limits. A refused fill cancels the order with the reason; a halted account cancels its entries.</item>
/// <item>An entry's first fill attaches its bracket (the decision's levels, else the account's default fractions) for
///   the entry's whole quantity, reduce-only, in one OCO group, evaluated from the next quote on.</item>
/// <item>A stop of a sqrt_impact account on a symbol without a σ/V estimate is canceled with the reason when a quote
///   reaches it: it could never be priced.</item>
/// <item>At the end: DAY/GTD orders past their expiry at the batch time expire even without a quote.</item>
/// </list>
/// </summary>
internal sealed class OrderBook
{
    private readonly AccountState state;
    private readonly IReadOnlyDictionary<string, InstrumentSpec> instruments;
    private readonly IReadOnlyList<Quote> path;
    private readonly IReadOnlyList<CancelRequest> cancels;
    private readonly Dictionary<string, decimal> pathMarks = new(StringComparer.Ordinal);
    private readonly List<CancelOutcome> cancelOutcomes = [];
    private readonly FillApplier applier;
    private int nextQuote;
    private int nextCancel;

    public OrderBook(
        AccountState state,
        IReadOnlyDictionary<string, InstrumentSpec> instruments,
        FillApplier applier,
        IReadOnlyList<Quote> path,
        IReadOnlyList<CancelRequest> cancels)
    {
        this.state = state;
        this.instruments = instruments;
        this.path = [.. path.OrderBy(q => q.Time).ThenBy(q => q.Symbol, StringComparer.Ordinal)];
        this.cancels = [.. cancels.OrderBy(c => c.RequestedAt).ThenBy(c => c.Id)];
        this.applier = applier;
    }

    public IReadOnlyList<CancelOutcome> CancelOutcomes => cancelOutcomes;

    private OrderJournal Journal => state.Journal;

    /// <summary>Processes every quote and cancel request up to <paramref name="time"/>, in time order (a request first on a tie).</summary>
    public void AdvanceTo(DateTimeOffset time, IReadOnlyDictionary<string, Quote> latest)
    {
        while (true)
        {
            var quote = nextQuote < path.Count && path[nextQuote].Time <= time ? path[nextQuote] : null;
            var cancel = nextCancel < cancels.Count && cancels[nextCancel].RequestedAt <= time ? cancels[nextCancel] : null;
            if (cancel is not null && (quote is null || cancel.RequestedAt <= quote.Time))
            {
                Cancel(cancel);
                nextCancel++;
            }
            else if (quote is not null)
            {
                Match(quote, latest);
                nextQuote++;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>After the last event: expiries at the batch time, entries of a halted account, exits left with nothing to reduce.</summary>
    public void Finish(DateTimeOffset now)
    {
        foreach (var order in state.OpenOrders.Values.ToList())
        {
            if (TimeInForceRules.IsExpired(order, now, now))
            {
                Update(order.Transition(OrderStatus.Expired, $"{OrderText.Tif(order)} order expired"));
            }
            else if (!order.ReduceOnly && state.HaltReason is { } halt)
            {
                Update(order.Transition(OrderStatus.Canceled, $"account halted: {halt}"));
            }
            else if (order.ReduceOnly && !applier.HasPositionToReduce(order.Symbol, order.Side))
            {
                Update(order.Transition(OrderStatus.Canceled, $"reduce-only: no {order.Symbol} position left to reduce"));
            }
        }
    }

    /// <summary>Records an order's new state; terminal orders leave the working set.</summary>
    public void Update(RestingOrder order)
    {
        Journal.Record(order);
        if (order.IsActive)
        {
            state.OpenOrders[order.Id] = order;
        }
        else
        {
            state.OpenOrders.Remove(order.Id);
        }
    }

    /// <summary>
    /// Attaches the bracket of an entry that has just filled for the first time. Returns why the bracket was refused,
    /// or null (also when no exit was asked for).
    /// </summary>
    public string? AttachBracket(RestingOrder entry, decimal entryPrice, DateTimeOffset entryTime, DateTimeOffset quoteTime)
    {
        var config = state.Config;
        var spec = entry.Bracket;
        if (entry.ReduceOnly || ((spec is null || spec.IsEmpty) && config.DefaultStopLossFraction is null && config.DefaultTakeProfitFraction is null))
        {
            return null;
        }

        var request = new BracketRequest(
            entry.AccountId,
            entry.Symbol,
            entry.Side,
            entry.OriginalQuantity,
            entryPrice,
            entryTime,
            entry.ParentDecisionId,
            spec?.StopLoss,
            spec?.TakeProfit,
            spec?.TrailingOffset,
            config.DefaultStopLossFraction,
            config.DefaultTakeProfitFraction,
            Agent: entry.Agent,
            Login: entry.Login);
        var result = BracketPlanner.Plan(request, instruments[entry.Symbol], Journal.Reserve(3));
        foreach (var leg in result.Orders)
        {
            Update(leg with { EvaluatedThrough = quoteTime, Strategy = entry.Strategy, DecisionPrice = entry.DecisionPrice });
        }

        return result.Refusal;
    }

    private void Cancel(CancelRequest request)
    {
        if (state.OpenOrders.TryGetValue(request.OrderId, out var order))
        {
            Update(order.Transition(OrderStatus.Canceled, $"canceled by request {request.Id}"));
            cancelOutcomes.Add(new CancelOutcome(request.Id, true, $"order {request.OrderId} canceled"));
            return;
        }

        var status = Journal.Find(request.OrderId)?.Status.ToString().ToLowerInvariant() ?? "no longer working";
        cancelOutcomes.Add(new CancelOutcome(request.Id, false, $"order {request.OrderId} is already {status}"));
    }

    private void Match(Quote quote, IReadOnlyDictionary<string, Quote> latest)
    {
        pathMarks[quote.Symbol] = quote.MarkPrice;
        var candidates = state.OpenOrders.Values
            .Where(o => o.Symbol == quote.Symbol && (o.EvaluatedThrough is not { } seen || seen < quote.Time))
            .ToList();
        if (candidates.Count == 0 || !instruments.TryGetValue(quote.Symbol, out var instrument))
        {
            return;
        }

        var config = state.Config;
        if (config.SlippageModel is SquareRootImpact impact && impact.Refusal(quote.Symbol) is { } noHistory)
        {
            // A stop fills as a taker, which sqrt_impact cannot price without σ and V: it goes, with the reason.
            foreach (var stop in candidates.Where(o => o.IsStopKind).ToList())
            {
                Update(stop.Transition(OrderStatus.Canceled, noHistory));
                candidates.Remove(stop);
            }
        }

        var result = OrderMatcher.Evaluate(candidates, quote, MatchContext.For(config, instrument, quote.Time, config.FillProbabilityOnTouch));
        var filled = result.Fills.Select(f => f.OrderId).ToHashSet();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!filled.Contains(candidates[i].Id))
            {
                Update(result.Orders[i] with { EvaluatedThrough = quote.Time });
            }
        }

        var marks = Marks(latest);
        foreach (var fill in result.Fills)
        {
            var i = candidates.FindIndex(o => o.Id == fill.OrderId);
            var before = candidates[i];
            var (order, executed, _, _, _) = applier.Apply(before, result.Orders[i], fill, quote, marks, FillTerms.Working);
            if (executed is not null && before.FilledQuantity == 0m && AttachBracket(order, fill.Price, fill.Time, quote.Time) is { } refused)
            {
                order = order with { StatusReason = $"{order.StatusReason}; bracket refused: {refused}" };
            }

            Update(order with { EvaluatedThrough = quote.Time });
        }
    }

    /// <summary>Marks for buying power and risk: the engine's (newest quotes, entry prices), the path's current quotes over them.</summary>
    private Dictionary<string, decimal> Marks(IReadOnlyDictionary<string, Quote> latest)
    {
        var marks = MarkPrices.Of(state, latest);
        foreach (var (symbol, mark) in pathMarks)
        {
            marks[symbol] = mark;
        }

        return marks;
    }
}
