using System.Globalization;
using Trading.Engine.Faults;
using Trading.Engine.Impact;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// What a decision must pass before it becomes an order, in order: HOLD (skipped) → halted (only CLOSE goes on) →
/// input validity → nothing to close (skipped) → confidence (BUY/SELL only) → instrument → the quote (the delayed one
/// when latency is simulated) present and fresh → a σ/V estimate for sqrt_impact accounts → an injected rejection (exchange-like or stale quote) → side and size (<see cref="OrderPlanner"/>). Each refusal is a
/// terminal outcome with its reason; what passes is an <see cref="OrderIntent"/>.
/// </summary>
internal static class DecisionChecks
{
    public static (DecisionOutcome? Refused, OrderIntent? Intent) Check(
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

        if (config.SlippageModel is SquareRootImpact impact && impact.Refusal(symbol) is { } noHistory)
        {
            return Rejected(decision, noHistory);
        }

        if (FaultInjector.Draw(config.Faults, config.RandomSeed, decision.Id).RejectionReason is { } injected)
        {
            return Rejected(decision, injected);
        }

        var marks = MarkPrices.Of(state, quotes);
        var sizingPrice = SizingPrice(decision, quote);
        var plan = OrderPlanner.Plan(state, decision, instrument, sizingPrice, state.Portfolio.Equity(marks));
        return plan.Refusal is { } refusal
            ? (new DecisionOutcome(decision.Id, refusal, plan.Reason, null), null)
            : (null, new OrderIntent(decision, plan, quote, instrument, marks, sizingPrice));
    }

    /// <summary>What sizes an order: its limit (limit, stop-limit), its stop (stop), else the mark.</summary>
    private static decimal SizingPrice(DecisionRequest decision, Quote quote) => decision.OrderType switch
    {
        OrderType.Limit or OrderType.StopLimit when decision.LimitPrice is { } limit => limit,
        OrderType.Stop when decision.StopPrice is { } stop => stop,
        _ => quote.MarkPrice,
    };

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

    private static (DecisionOutcome?, OrderIntent?) Skipped(DecisionRequest decision, string reason) =>
        (new DecisionOutcome(decision.Id, DecisionStatus.Skipped, reason, null), null);

    private static (DecisionOutcome?, OrderIntent?) Rejected(DecisionRequest decision, string reason) =>
        (new DecisionOutcome(decision.Id, DecisionStatus.Rejected, reason, null), null);
}
