using Trading.Engine.Impact;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;

namespace Trading.Engine.Execution;

/// <summary>
/// One batch's life of an account's working orders. Events are taken in time order: the quotes that arrived since each
/// order was last evaluated (the quote path), cancel requests, and, between them, the batch's decisions (the engine
/// calls <see cref="AdvanceTo"/> with each decision's time before executing it). Fills go through
/// <see cref="FillApplier"/>, as arrival fills do. Rules:
/// <list type="number">
/// <item>An order only meets quotes newer than the one it was last evaluated against (exactly once per quote).</item>
/// <item>A fill is applied to the portfolio at once, so the next fill, quote or decision sees it.</item>
/// <item>Reduce-only orders (bracket exits, CLOSE, decisions with reduce_only) are capped at the position when they
///   fill and canceled when there is no position left to reduce; they bypass buying power and risk limits: an exit
///   must never be blocked by a limit.</item>
/// <item>Entries are checked when they fill, in the transaction that fills them: buying power (no partial resizing),
///   then the risk limits. A refused fill cancels the order with the reason; a halted account cancels its entries.</item>
/// <item>An entry's first fill that leaves a position on its side attaches its bracket (the decision's levels, else the account's default fractions) for
///   the entry's whole quantity, reduce-only, in one OCO group, evaluated from the next quote on.</item>
/// <item>Queue model (<see cref="LimitFillModel.Queue"/>): before a quote is matched, the prints up to it work off each
///   queued limit entry's queue ahead and fill it at its limit (<see cref="WorkQueues"/>).</item>
/// <item>Book model: a working order that takes liquidity (a triggered stop, a stop-limit's activation) or a limit the
///   quote trades through walks the same book an arrival would (<see cref="TakerLiquidity"/>), sharing the account's ledger.</item>
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
    private readonly QueueMarket market;
    private int nextQuote;
    private int nextCancel;

    public OrderBook(
        AccountState state,
        IReadOnlyDictionary<string, InstrumentSpec> instruments,
        FillApplier applier,
        IReadOnlyList<Quote> path,
        IReadOnlyList<CancelRequest> cancels,
        QueueMarket market)
    {
        this.state = state;
        this.instruments = instruments;
        this.path = [.. path.OrderBy(q => q.Time).ThenBy(q => q.Symbol, StringComparer.Ordinal)];
        this.cancels = [.. cancels.OrderBy(c => c.RequestedAt).ThenBy(c => c.Id)];
        this.applier = applier;
        this.market = market;
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
        if (entry.ReduceOnly || !Holds(entry.Symbol, entry.Side)
            || ((spec is null || spec.IsEmpty) && config.DefaultStopLossFraction is null && config.DefaultTakeProfitFraction is null))
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

    /// <summary>Whether the account now holds a position on the side a fill of <paramref name="side"/> opens (a plain order that only reduced gets no exits).</summary>
    private bool Holds(string symbol, OrderSide side) =>
        state.Portfolio.Book.Get(symbol)?.Side == (side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short);

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
        if (!instruments.TryGetValue(quote.Symbol, out var instrument))
        {
            return;
        }

        var config = state.Config;
        var ctx = MatchContext.For(config, instrument, quote.Time, config.FillProbabilityOnTouch);
        WorkQueues(quote, ctx, latest);
        var candidates = state.OpenOrders.Values
            .Where(o => o.Symbol == quote.Symbol && (o.EvaluatedThrough is not { } seen || seen < quote.Time))
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        if (config.SlippageModel is SquareRootImpact impact && impact.Refusal(quote.Symbol) is { } noHistory)
        {
            // A stop fills as a taker, which sqrt_impact cannot price without σ and V: it goes, with the reason.
            foreach (var stop in candidates.Where(o => o.IsStopKind).ToList())
            {
                Update(stop.Transition(OrderStatus.Canceled, noHistory));
                candidates.Remove(stop);
            }
        }

        // Under the book model takers and limits traded through walk the book the arrival path would (built on first use).
        var books = new Dictionary<OrderSide, TakerLiquidity>();
        TakerLiquidity Liquidity(OrderSide side) => books.TryGetValue(side, out var known) ? known : books[side] = TakerLiquidity.For(state, quote, side, instrument);
        var result = OrderMatcher.Evaluate(candidates, quote, ctx, QuotedSize.Books(quote, side => Liquidity(side).Left(side)));
        var filled = result.Fills.Select(f => f.OrderId).ToHashSet();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!filled.Contains(candidates[i].Id))
            {
                Update(result.Orders[i] with { EvaluatedThrough = quote.Time });
            }
        }

        foreach (var fill in result.Fills)
        {
            var i = candidates.FindIndex(o => o.Id == fill.OrderId);
            ApplyFill(candidates[i], result.Orders[i], fill.WalksBook ? Liquidity(fill.Side).Levels(fill, candidates[i].LimitPrice, instrument) : [fill], quote, latest);
        }
    }

    /// <summary>
    /// Queue model: the prints of the quote's symbol after each queued order's last quote, up to this quote, work off its
    /// queue ahead and then fill it at its limit (<see cref="QueuePosition"/>); the fills are met at this quote. A print
    /// after the newest quote waits for the next one, so each print meets each order once.
    /// </summary>
    private void WorkQueues(Quote quote, MatchContext ctx, IReadOnlyDictionary<string, Quote> latest)
    {
        var prints = market.PrintsOf(quote.Symbol);
        if (prints.Count == 0)
        {
            return;
        }

        foreach (var order in state.OpenOrders.Values.Where(o => o.Symbol == quote.Symbol && ctx.Queued(o)).ToList())
        {
            var queue = QueuePosition.Join(order.Side, OrderStep.Required(order.LimitPrice, order, "limit price"), order.Quantity, order.QueueAhead ?? 0m);
            var filled = 0m;
            foreach (var print in prints.Where(p => p.Time <= quote.Time && (order.EvaluatedThrough is not { } seen || p.Time > seen)))
            {
                (queue, var quantity) = queue.After(print);
                filled += quantity;
            }

            filled = EngineMath.FloorToLot(filled, ctx.Instrument.LotSize);
            if (filled > 0m)
            {
                var (after, fill) = OrderStep.Queued(order, filled, quote, ctx);
                ApplyFill(order, after, [fill!], quote, latest, keepEvaluated: true);
            }
            else if (queue.Ahead != order.QueueAhead)
            {
                Update(order with { QueueAhead = queue.Ahead });
            }
        }
    }

    /// <summary>One fill of a working order (a book walk's levels, best first) through the applier; an entry's first fill attaches its bracket.</summary>
    private void ApplyFill(RestingOrder before, RestingOrder after, IReadOnlyList<OrderFillEvent> levels, Quote quote, IReadOnlyDictionary<string, Quote> latest, bool keepEvaluated = false)
    {
        var (order, executed, _, _, _) = applier.Apply(before, after, levels, quote, Marks(latest), FillTerms.Working);
        var price = levels.Count > 1 ? order.AverageFillPrice!.Value : levels[0].Price;
        if (executed is not null && before.FilledQuantity == 0m && AttachBracket(order, price, levels[0].Time, quote.Time) is { } refused)
        {
            order = order with { StatusReason = $"{order.StatusReason}; bracket refused: {refused}" };
        }

        // A print's fill leaves the order to meet this quote too (a trade-through fills the rest).
        Update(keepEvaluated ? order : order with { EvaluatedThrough = quote.Time });
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
