using System.Globalization;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Orders;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Randomness;
using Trading.Engine.Risk;
using Trading.Engine.Risk.Limits;

namespace Trading.Engine.Execution;

/// <summary>
/// Runs one account's claimed decisions in order against its in-memory state. Each executed
/// decision changes <see cref="AccountState"/> before the next is evaluated. Checks, in order:
/// HOLD (skipped) → halted → input validity → confidence (BUY/SELL only) → instrument → quote
/// present and fresh → plan side and size → fill price → minimum notional (orders that only
/// reduce a position are exempt, so a small remainder can always be closed) → buying power →
/// risk limits → fill. Every decision ends with a non-empty reason.
/// <para>
/// A plain market order fills in full at the touch (the book behind a quote is assumed deep). Any
/// other order (limit, stop, stop-limit, trailing stop, or a market IOC/FOK bounded by the quoted
/// size) is placed through <see cref="ArrivalPlanner"/>: it may fill at once (Executed), rest
/// (Placed), or die on arrival (Expired). The working orders meet the quote path and cancel
/// requests in time order around the decisions (<see cref="OrderBookRun"/>); an entry's first fill
/// attaches its bracket. Held symbols without a quote are valued at their average entry price.
/// </para>
/// </summary>
public static class ExecutionEngine
{
    public static BatchResult Execute(
        AccountState state,
        IReadOnlyList<DecisionRequest> decisions,
        IReadOnlyDictionary<string, Quote> latestQuotes,
        IReadOnlyDictionary<string, InstrumentSpec> instruments,
        DateTimeOffset now,
        IReadOnlyList<Quote>? quotePath = null,
        IReadOnlyList<CancelRequest>? cancels = null,
        DateTimeOffset? pathComplete = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(latestQuotes);
        ArgumentNullException.ThrowIfNull(instruments);

        var run = new OrderBookRun(state, instruments, quotePath ?? [], cancels ?? []);
        var outcomes = new List<DecisionOutcome>(decisions.Count);
        foreach (var decision in decisions)
        {
            run.AdvanceTo(decision.LatencyTarget ?? decision.CreatedAt, latestQuotes);
            outcomes.Add(ExecuteOne(state, decision, latestQuotes, instruments, now, run));
        }

        run.AdvanceTo(DateTimeOffset.MaxValue, latestQuotes);
        // Expiry at the batch time only once the path is complete: a quote not matched yet may still fill an order first.
        run.Finish(pathComplete is { } through && through < now ? through : now);
        var journal = state.Journal;
        var changed = journal.Fills.Select(f => f.Symbol).ToHashSet(StringComparer.Ordinal);
        return new BatchResult(
            outcomes, state.Cash, [.. state.Positions], changed, state.HaltedDuringBatch, [.. journal.Orders], [.. journal.Fills], run.CancelOutcomes);
    }

    private static DecisionOutcome ExecuteOne(
        AccountState state,
        DecisionRequest decision,
        IReadOnlyDictionary<string, Quote> quotes,
        IReadOnlyDictionary<string, InstrumentSpec> instruments,
        DateTimeOffset now,
        OrderBookRun run)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var config = state.Config;
        var symbol = decision.Symbol;

        if (decision.Action == DecisionAction.Hold)
        {
            return Skipped(decision, "HOLD: nothing to do");
        }

        // A halted account only reduces: CLOSE still executes, which is how the kill switch flattens it.
        if (state.HaltReason is { } halt && decision.Action != DecisionAction.Close)
        {
            return Rejected(decision, $"account halted: {halt}");
        }

        if (Invalid(decision) is { } invalid)
        {
            return Rejected(decision, invalid);
        }

        // Flattening what is already flat needs no price: say so rather than complain about the quote.
        if (decision.Action == DecisionAction.Close && state.Portfolio.Book.Get(symbol) is null)
        {
            return Skipped(decision, $"no open {symbol} position");
        }

        if (decision.Action != DecisionAction.Close && decision.Confidence < config.ConfidenceThreshold)
        {
            return Skipped(decision, $"confidence {Fmt.Money(decision.Confidence)} below threshold {Fmt.Money(config.ConfidenceThreshold)}");
        }

        if (!instruments.TryGetValue(symbol, out var instrument))
        {
            return Rejected(decision, $"unknown instrument {symbol}");
        }

        if (decision.LatencyQuote is { } delayed && decision.LatencyTarget is { } target)
        {
            var gap = delayed.Time - target;
            if (gap > config.StalenessBound)
            {
                return Rejected(decision, string.Create(
                    CultureInfo.InvariantCulture,
                    $"stale price: first {symbol} quote after the latency target came {gap.TotalSeconds:0.0} s late (bound {config.StalenessBound.TotalSeconds:0.###} s)"));
            }

            quotes = new Dictionary<string, Quote>(quotes, StringComparer.Ordinal) { [symbol] = delayed };
        }

        if (!quotes.TryGetValue(symbol, out var quote))
        {
            return Rejected(decision, $"no price for {symbol}");
        }

        var age = now - quote.Time;
        if (decision.LatencyQuote is null && age > config.StalenessBound)
        {
            return Rejected(decision, string.Create(
                CultureInfo.InvariantCulture,
                $"stale price: newest {symbol} quote is {age.TotalSeconds:0.0} s old (bound {config.StalenessBound.TotalSeconds:0.###} s)"));
        }

        var marks = Marks(state, quotes);
        var sizingPrice = SizingPrice(decision, quote);
        var plan = OrderPlanner.Plan(state, decision, instrument, sizingPrice, state.Portfolio.Equity(marks));
        if (plan.Refusal is { } refusal)
        {
            return new DecisionOutcome(decision.Id, refusal, plan.Reason, null);
        }

        return decision.IsPlainMarket
            ? Fill(state, decision, plan, quote, instrument, marks, now, run)
            : Place(state, decision, plan, quote, instrument, marks, sizingPrice, now, run);
    }

    /// <summary>What sizes a non-market order: its limit (limit, stop-limit), its stop (stop), else the mark.</summary>
    private static decimal SizingPrice(DecisionRequest decision, Quote quote) => decision.OrderType switch
    {
        OrderType.Limit or OrderType.StopLimit when decision.LimitPrice is { } limit => limit,
        OrderType.Stop when decision.StopPrice is { } stop => stop,
        _ => quote.MarkPrice,
    };

    /// <summary>
    /// Places a non-market (or IOC/FOK) order on its arrival quote. A fill on arrival is checked and applied like a
    /// resting fill; a refused one rejects the decision and leaves no order.
    /// </summary>
    private static DecisionOutcome Place(
        AccountState state,
        DecisionRequest decision,
        OrderPlan plan,
        Quote quote,
        InstrumentSpec instrument,
        IReadOnlyDictionary<string, decimal> marks,
        decimal sizingPrice,
        DateTimeOffset now,
        OrderBookRun run)
    {
        var config = state.Config;
        if (MinNotionalRefusal(plan, plan.Quantity, sizingPrice, instrument) is { } tooSmall)
        {
            return Rejected(decision, tooSmall);
        }

        var order = new RestingOrder
        {
            Id = state.Journal.Reserve(1),
            AccountId = config.AccountId,
            Symbol = decision.Symbol,
            Side = plan.Side,
            Type = decision.OrderType,
            TimeInForce = decision.TimeInForce,
            Quantity = plan.Quantity,
            LimitPrice = decision.LimitPrice,
            StopPrice = decision.OrderType == OrderType.TrailingStop ? null : decision.StopPrice,
            TrailingOffset = decision.OrderType == OrderType.TrailingStop ? decision.TrailingOffset?.Value : null,
            TrailingIsPercent = decision.OrderType == OrderType.TrailingStop && decision.TrailingOffset?.Kind == ExitLevelKind.Fraction,
            ExpiresAt = decision.ExpiresAt,
            PlacedAt = now,
            ParentDecisionId = decision.Id,
            ReduceOnly = plan.ReducesOnly,
            Bracket = plan.ReducesOnly ? null : decision.Bracket,
            Agent = decision.Agent,
            Login = decision.Login,
        };
        var arrival = ArrivalPlanner.Place(order, quote, MatchContext.For(config, instrument, now, config.FillProbabilityOnTouch));
        var placed = arrival.Order with { EvaluatedThrough = quote.Time };
        if (arrival.Fill is null)
        {
            switch (placed.Status)
            {
                case OrderStatus.Rejected:
                    return Rejected(decision, arrival.Reason);
                case OrderStatus.Expired or OrderStatus.Canceled:
                    return new DecisionOutcome(decision.Id, DecisionStatus.Expired, arrival.Reason, null);
            }

            run.Update(placed);
            return new DecisionOutcome(decision.Id, DecisionStatus.Placed, $"resting as {OrderText.Describe(placed)}: {Fmt.Qty(placed.Quantity)} {decision.Symbol} {Verb(plan.Side, past: false)}", null, placed.Id);
        }

        var (final, executed, applied) = run.ApplyFill(order.Transition(OrderStatus.Open, "arrived"), placed, arrival.Fill, quote, marks);
        if (executed is null || applied is null)
        {
            return Rejected(decision, final.StatusReason ?? "fill refused");
        }

        var reason = $"{Verb(plan.Side, past: true)} {Fmt.Qty(executed.Fill.Quantity)} {decision.Symbol} at {Fmt.Qty(executed.Fill.Price)}, fee {Fmt.Money(executed.Fill.Fee)}";
        if (run.AttachBracket(final, executed.Fill.Price, executed.Fill.Time, quote.Time) is { } refused)
        {
            reason += $"; bracket refused: {refused}";
        }

        run.Update(final);
        var status = DecisionStatus.Executed;
        if (final.IsActive)
        {
            status = DecisionStatus.Placed;
            reason += $"; {Fmt.Qty(final.Quantity)} resting as {OrderText.Describe(final)}";
        }
        else if (final.Status == OrderStatus.Canceled)
        {
            reason += $"; {final.StatusReason}";
        }

        var result = new ExecutedOrder(plan.Side, decision.OrderType, plan.Quantity, executed.Fill.Quantity, executed.Fill, executed.Trades, executed.Ledger, applied.Position);
        return new DecisionOutcome(decision.Id, status, reason, result, final.Id);
    }

    private static string Verb(OrderSide side, bool past) => (side, past) switch
    {
        (OrderSide.Buy, true) => "bought",
        (OrderSide.Sell, true) => "sold",
        (OrderSide.Buy, false) => "to buy",
        _ => "to sell",
    };

    private static DecisionOutcome Fill(
        AccountState state,
        DecisionRequest decision,
        OrderPlan plan,
        Quote quote,
        InstrumentSpec instrument,
        IReadOnlyDictionary<string, decimal> marks,
        DateTimeOffset now,
        OrderBookRun run)
    {
        var config = state.Config;
        var symbol = decision.Symbol;
        var random = DeterministicRandom.For(config.RandomSeed, decision.Id);
        var fillPrice = config.FillModel.Price(new FillContext(
            plan.Side, decision.OrderType, plan.Quantity, quote, instrument, config.SpreadFractionWhenLastOnly, config.SlippageModel, random));
        if (fillPrice is null)
        {
            return Rejected(decision, $"no executable {plan.Side.ToString().ToUpperInvariant()} price in the {symbol} quote");
        }

        if (MinNotionalRefusal(plan, plan.Quantity, fillPrice.Price, instrument) is { } tooSmall)
        {
            return Rejected(decision, tooSmall);
        }

        // An order that only reduces is never blocked: what it closes was within the bounds when it was opened.
        if (!plan.ReducesOnly && VenueBounds.FillRefusal(state.Portfolio.Book, symbol, plan.Side, plan.Quantity, fillPrice.Price) is { } beyond)
        {
            return Rejected(decision, beyond);
        }

        const LiquidityRole role = LiquidityRole.Taker; // market orders take liquidity
        var check = BuyingPower.Check(
            state.Portfolio,
            marks,
            new BuyingPowerOrder(symbol, plan.Side, plan.Quantity, fillPrice.Price, role, instrument.LotSize),
            config.FeeModel,
            new BuyingPowerPolicy(config.Leverage, config.AllowShorting, config.AllowPartialSize));
        if (!check.Allowed)
        {
            return Rejected(decision, check.Reason);
        }

        var quantity = check.Quantity;
        if (check.Reduced && MinNotionalRefusal(plan, quantity, fillPrice.Price, instrument) is { } reducedTooSmall)
        {
            return Rejected(decision, $"{check.Reason}; {reducedTooSmall}");
        }

        if (state.Risk is { } risk)
        {
            var verdict = risk.Check(state, marks, new RiskOrder(symbol, plan.Side, quantity, fillPrice.Price, decision.Agent, decision.Login));
            if (!verdict.Allowed)
            {
                if (verdict.HaltAccount)
                {
                    state.Halt(verdict.Reason);
                }

                // A loss limit halts the account but never blocks flattening it.
                if (!(verdict.HaltAccount && decision.Action == DecisionAction.Close))
                {
                    return Rejected(decision, verdict.Reason);
                }
            }

            risk.Record(symbol, decision.Agent, decision.Login);
        }

        var notional = EngineMath.Notional(quantity, fillPrice.Price);
        var fee = config.FeeModel.Fee(new FeeContext(notional, role));
        var applied = state.Portfolio.ApplyFill(symbol, plan.Side, quantity, fillPrice.Price, fee, now);

        var fill = Execution.Fill.Under(config, quantity, fillPrice, notional, fee, role, now, quote, unchecked((long)random.Seed),
            decision.CurrentPrice is { } current ? fillPrice.Price - current : null);
        ClosedTrade[] trades = applied.Trade is null ? [] : [applied.Trade];
        var order = new ExecutedOrder(plan.Side, decision.OrderType, plan.Quantity, quantity, fill, trades, applied.Ledger, applied.Position);

        var reason = $"{Verb(plan.Side, past: true)} {Fmt.Qty(quantity)} {symbol} at {Fmt.Qty(fillPrice.Price)}, fee {Fmt.Money(fee)}";
        if (check.Reduced)
        {
            reason += $"; {check.Reason}";
        }

        // The journal keeps the order and its fill for the writer, like any other order's.
        var record = new RestingOrder
        {
            Id = state.Journal.Reserve(1),
            AccountId = config.AccountId,
            Symbol = symbol,
            Side = plan.Side,
            Type = OrderType.Market,
            TimeInForce = decision.TimeInForce,
            Quantity = 0m,
            FilledQuantity = quantity,
            AverageFillPrice = fillPrice.Price,
            PlacedAt = now,
            ParentDecisionId = decision.Id,
            ReduceOnly = plan.ReducesOnly,
            Agent = decision.Agent,
            Login = decision.Login,
            Status = OrderStatus.Filled,
        };
        state.Journal.Fills.Add(new ExecutedFill(record.Id, symbol, plan.Side, decision.Id, decision.Agent, fill, trades, applied.Ledger));
        if (!plan.ReducesOnly && run.AttachBracket(record with { Bracket = decision.Bracket }, fillPrice.Price, now, quote.Time) is { } refused)
        {
            reason += $"; bracket refused: {refused}";
        }

        run.Update(record);
        return new DecisionOutcome(decision.Id, DecisionStatus.Executed, reason, order, record.Id);
    }

    private static string? MinNotionalRefusal(OrderPlan plan, decimal quantity, decimal price, InstrumentSpec instrument)
    {
        var notional = EngineMath.Notional(quantity, price);
        return plan.ReducesOnly || notional >= instrument.MinNotional
            ? null
            : $"order notional {Fmt.Money(notional)} below the {instrument.Symbol} minimum {Fmt.Money(instrument.MinNotional)} ({Fmt.Qty(quantity)} at {Fmt.Qty(price)})";
    }

    private static string? Invalid(DecisionRequest decision)
    {
        if (string.IsNullOrWhiteSpace(decision.Symbol))
        {
            return "symbol is empty";
        }

        if (decision.Confidence is < 0m or > 1m)
        {
            return $"confidence {Fmt.Qty(decision.Confidence)} outside [0, 1]";
        }

        if (decision.RiskScore is < 0m or > 1m)
        {
            return $"risk score {Fmt.Qty(decision.RiskScore.Value)} outside [0, 1]";
        }

        if (decision.Quantity is not null && decision.Notional is not null)
        {
            return "give a quantity or a notional, not both";
        }

        if (decision.Quantity is <= 0m)
        {
            return $"quantity {Fmt.Qty(decision.Quantity.Value)} must be greater than zero";
        }

        return decision.Notional is <= 0m
            ? $"notional {Fmt.Money(decision.Notional.Value)} must be greater than zero"
            : VenueBounds.DecisionRefusal(decision);
    }

    /// <summary>Marks for equity and risk: each quote's mark, and the average entry price for a held symbol without one.</summary>
    internal static Dictionary<string, decimal> Marks(AccountState state, IReadOnlyDictionary<string, Quote> quotes)
    {
        var marks = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (symbol, quote) in quotes)
        {
            marks[symbol] = quote.MarkPrice;
        }

        foreach (var position in state.Positions)
        {
            marks.TryAdd(position.Symbol, position.AverageEntryPrice);
        }

        return marks;
    }

    private static DecisionOutcome Skipped(DecisionRequest decision, string reason) =>
        new(decision.Id, DecisionStatus.Skipped, reason, null);

    private static DecisionOutcome Rejected(DecisionRequest decision, string reason) =>
        new(decision.Id, DecisionStatus.Rejected, reason, null);
}
