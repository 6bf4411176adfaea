using System.Globalization;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
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
/// present and fresh → order type (market only for now) → plan side and size → fill price →
/// minimum notional (orders that only reduce a position are exempt, so a small remainder can
/// always be closed) → buying power → fill. Every decision ends with a non-empty reason.
/// Held symbols without a quote are valued at their average entry price for equity and risk.
/// </summary>
public static class ExecutionEngine
{
    public static BatchResult Execute(
        AccountState state,
        IReadOnlyList<DecisionRequest> decisions,
        IReadOnlyDictionary<string, Quote> latestQuotes,
        IReadOnlyDictionary<string, InstrumentSpec> instruments,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(latestQuotes);
        ArgumentNullException.ThrowIfNull(instruments);

        var outcomes = new List<DecisionOutcome>(decisions.Count);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            var outcome = ExecuteOne(state, decision, latestQuotes, instruments, now);
            if (outcome.Order is not null)
            {
                changed.Add(decision.Symbol);
            }

            outcomes.Add(outcome);
        }

        return new BatchResult(outcomes, state.Cash, [.. state.Positions], changed, state.HaltedDuringBatch);
    }

    private static DecisionOutcome ExecuteOne(
        AccountState state,
        DecisionRequest decision,
        IReadOnlyDictionary<string, Quote> quotes,
        IReadOnlyDictionary<string, InstrumentSpec> instruments,
        DateTimeOffset now)
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

        if (decision.OrderType != OrderType.Market)
        {
            return Rejected(decision, $"order type {decision.OrderType} not supported yet");
        }

        var marks = Marks(state, quotes);
        var plan = OrderPlanner.Plan(state, decision, instrument, quote.MarkPrice, state.Portfolio.Equity(marks));
        if (plan.Refusal is { } refusal)
        {
            return new DecisionOutcome(decision.Id, refusal, plan.Reason, null);
        }

        return Fill(state, decision, plan, quote, instrument, marks, now);
    }

    private static DecisionOutcome Fill(
        AccountState state,
        DecisionRequest decision,
        OrderPlan plan,
        Quote quote,
        InstrumentSpec instrument,
        IReadOnlyDictionary<string, decimal> marks,
        DateTimeOffset now)
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
            var verdict = risk.Check(state, marks, new RiskOrder(symbol, plan.Side, quantity, fillPrice.Price, decision.Agent));
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

            risk.Record(symbol, decision.Agent);
        }

        var notional = EngineMath.Notional(quantity, fillPrice.Price);
        var fee = config.FeeModel.Fee(new FeeContext(notional, role));
        var applied = state.Portfolio.ApplyFill(symbol, plan.Side, quantity, fillPrice.Price, fee, now);

        var fill = new Fill(
            quantity,
            fillPrice.Price,
            fillPrice.ReferencePrice,
            fillPrice.SlippageFraction,
            fillPrice.SlippagePerUnit,
            EngineMath.RoundMoney(fillPrice.SlippagePerUnit * quantity),
            notional,
            fee,
            role,
            now,
            quote,
            config.FillModel.Name,
            config.SlippageModel.Name,
            config.SlippageModel.Parameters,
            config.FeeModel.Name,
            config.FeeModel.Parameters,
            unchecked((long)random.Seed),
            decision.CurrentPrice is { } current ? fillPrice.Price - current : null);
        ClosedTrade[] trades = applied.Trade is null ? [] : [applied.Trade];
        var order = new ExecutedOrder(plan.Side, decision.OrderType, plan.Quantity, quantity, fill, trades, applied.Ledger, applied.Position);

        var verb = plan.Side == OrderSide.Buy ? "bought" : "sold";
        var reason = $"{verb} {Fmt.Qty(quantity)} {symbol} at {Fmt.Qty(fillPrice.Price)}, fee {Fmt.Money(fee)}";
        if (check.Reduced)
        {
            reason += $"; {check.Reason}";
        }

        return new DecisionOutcome(decision.Id, DecisionStatus.Executed, reason, order);
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

        return decision.Notional is <= 0m ? $"notional {Fmt.Money(decision.Notional.Value)} must be greater than zero" : null;
    }

    private static Dictionary<string, decimal> Marks(AccountState state, IReadOnlyDictionary<string, Quote> quotes)
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
