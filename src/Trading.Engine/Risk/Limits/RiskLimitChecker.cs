using Trading.Engine.Primitives;

namespace Trading.Engine.Risk.Limits;

/// <summary>
/// Pre-trade risk limits. Rules:
/// <list type="number">
/// <item>Only limits whose scope matches the order's symbol and agent are checked; loss limits
///   (daily loss, drawdown) first, then the others in <see cref="RiskLimitKind"/> order, each kind
///   in list order. The first breach rejects.</item>
/// <item>A measured value equal to the limit passes; only a value above it is a breach. Fractions
///   are compared by multiplication (value ≤ limit × base), so no division rounds a boundary away.</item>
/// <item>Loss limits look at the account as it is, whatever the order: a breach rejects and asks
///   for the account to be halted.</item>
/// <item>Every other limit lets an order through that only reduces a position (towards flat, never
///   past it): a limit must never stop an account from cutting risk.</item>
/// <item>The traded symbol after the order is valued at the order price, other positions at their
///   marks; equity is the equity before the order. Equity ≤ 0 breaches every fraction limit.</item>
/// </list>
/// </summary>
public static class RiskLimitChecker
{
    public static RiskVerdict Check(IReadOnlyList<RiskLimit> limits, RiskContext ctx, RiskOrder order)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Quantity <= 0m || order.Price <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(order), "A proposed order needs a quantity and a price greater than zero.");
        }

        var figures = new OrderFigures(ctx, order);
        var ordered = limits
            .Where(l => l.AppliesTo(order.Symbol, order.AgentId, order.Login))
            .OrderBy(l => l.HaltsAccount ? 0 : 1)
            .ThenBy(l => l.Kind);
        foreach (var limit in ordered)
        {
            if (!limit.HaltsAccount && figures.ReducesOnly)
            {
                continue;
            }

            if (Breach(limit, ctx, figures) is { } text)
            {
                return new RiskVerdict(false, limit.Name, text, limit.HaltsAccount);
            }
        }

        return RiskVerdict.Pass;
    }

    private static string? Breach(RiskLimit limit, RiskContext ctx, OrderFigures f)
    {
        var l = limit.Threshold;
        switch (limit.Kind)
        {
            case RiskLimitKind.MaxDailyLoss:
                var loss = ctx.DayStartEquity - ctx.Equity;
                return loss > l * ctx.DayStartEquity
                    ? $"daily loss {Fmt.Money(loss)} exceeds {Pct(l)} of day-start equity {Fmt.Money(ctx.DayStartEquity)} (allows {Fmt.Money(l * ctx.DayStartEquity)})"
                    : null;

            case RiskLimitKind.MaxDrawdown:
                var drawdown = ctx.PeakEquity - ctx.Equity;
                return drawdown > l * ctx.PeakEquity
                    ? $"drawdown {Fmt.Money(drawdown)} exceeds {Pct(l)} of peak equity {Fmt.Money(ctx.PeakEquity)} (allows {Fmt.Money(l * ctx.PeakEquity)})"
                    : null;

            case RiskLimitKind.MaxPositionFraction:
                return ctx.Equity <= 0m || f.PositionValueAfter > l * ctx.Equity
                    ? $"{f.Symbol} position value after the order {Fmt.Money(f.PositionValueAfter)} exceeds {Pct(l)} of equity {Fmt.Money(ctx.Equity)} (allows {Fmt.Money(Math.Max(l * ctx.Equity, 0m))})"
                    : null;

            case RiskLimitKind.MaxGrossExposure:
                return ctx.Equity <= 0m || f.GrossAfter > l * ctx.Equity
                    ? $"gross exposure after the order {Fmt.Money(f.GrossAfter)} exceeds {Fmt.Qty(l)} × equity {Fmt.Money(ctx.Equity)} (allows {Fmt.Money(Math.Max(l * ctx.Equity, 0m))})"
                    : null;

            case RiskLimitKind.MaxOpenPositions:
                return f.OpensNew && ctx.OpenPositions + 1 > l
                    ? $"opening {f.Symbol} would make {ctx.OpenPositions + 1} open positions, limit {Fmt.Qty(l)}"
                    : null;

            case RiskLimitKind.MaxOrderNotional:
                return f.Notional > l
                    ? $"order notional {Fmt.Money(f.Notional)} exceeds {Fmt.Money(l)}"
                    : null;

            case RiskLimitKind.MaxTradesPerDay:
                var today = TradesToday(limit, ctx);
                return today + 1 > l
                    ? $"{today} trades today already, this one would exceed {Fmt.Qty(l)}"
                    : null;

            default:
                throw new ArgumentOutOfRangeException(nameof(limit), limit.Kind, "Unknown risk limit kind.");
        }
    }

    private static int TradesToday(RiskLimit limit, RiskContext ctx) =>
        limit.Symbol is not null ? ctx.SymbolTradesToday ?? throw new ArgumentException($"{limit.Name} needs the symbol's trade count today.", nameof(ctx))
        : limit.AgentId is not null ? ctx.AgentTradesToday ?? throw new ArgumentException($"{limit.Name} needs the agent's trade count today.", nameof(ctx))
        : limit.Login is not null ? ctx.LoginTradesToday ?? throw new ArgumentException($"{limit.Name} needs the login's trade count today.", nameof(ctx))
        : ctx.TradesToday;

    private static string Pct(decimal fraction) => $"{Fmt.Qty(fraction * 100m)} %";

    private sealed class OrderFigures
    {
        public OrderFigures(RiskContext ctx, RiskOrder order)
        {
            Symbol = order.Symbol;
            var before = ctx.Positions.FirstOrDefault(p => p.Symbol == order.Symbol)?.SignedQuantity ?? 0m;
            var after = before + (order.Side == OrderSide.Buy ? order.Quantity : -order.Quantity);
            ReducesOnly = before != 0m && Math.Abs(after) <= Math.Abs(before) && (after == 0m || Math.Sign(after) == Math.Sign(before));
            OpensNew = before == 0m && after != 0m;
            Notional = EngineMath.Notional(order.Quantity, order.Price);
            PositionValueAfter = EngineMath.Notional(Math.Abs(after), order.Price);
            GrossAfter = PositionValueAfter + ctx.Positions
                .Where(p => p.Symbol != order.Symbol)
                .Sum(p => p.MarketValue(ctx.Marks.TryGetValue(p.Symbol, out var mark)
                    ? mark
                    : throw new KeyNotFoundException($"No mark price for open position {p.Symbol}.")));
        }

        public string Symbol { get; }

        public bool ReducesOnly { get; }

        public bool OpensNew { get; }

        public decimal Notional { get; }

        public decimal PositionValueAfter { get; }

        public decimal GrossAfter { get; }
    }
}
