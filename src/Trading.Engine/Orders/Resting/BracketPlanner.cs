using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// Turns an entry fill into its exit orders, all on the opposite side for the filled quantity,
/// Open from the entry time, in one OCO group (= the first order id) so the first to fill cancels
/// the others. Rules:
/// <list type="number">
/// <item>Stop-loss: a stop at the absolute price, or entry × (1 ∓ f) (long −, short +); rounded to the
///   tick towards the entry, so the loss before slippage never exceeds the one asked for.</item>
/// <item>Take-profit: a limit at the absolute price, or entry × (1 ± f) (long +, short −); rounded to
///   the tick away from the entry, so the profit is never less than the one asked for.</item>
/// <item>Trailing: a trailing stop whose best price starts at the entry price.</item>
/// <item>The decision's own stop-loss/take-profit win; otherwise the account default fractions
///   apply. Ids: stop-loss, take-profit, trailing, consecutive from <c>firstOrderId</c> for the legs
///   present.</item>
/// <item>Refused (no orders) when a level is on the wrong side of the entry (long: stop &lt; entry &lt;
///   take-profit; short: the reverse) or a fraction would take the price to zero or below.</item>
/// </list>
/// </summary>
public static class BracketPlanner
{
    public static BracketResult Plan(BracketRequest request, InstrumentSpec instrument, long firstOrderId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instrument);
        if (request.Quantity <= 0m || request.EntryPrice <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "An entry fill needs a quantity and a price greater than zero.");
        }

        var stopLoss = request.StopLoss ?? Default(request.DefaultStopLossFraction);
        var takeProfit = request.TakeProfit ?? Default(request.DefaultTakeProfitFraction);
        var isLong = request.EntrySide == OrderSide.Buy;
        var exitSide = isLong ? OrderSide.Sell : OrderSide.Buy;
        var template = new RestingOrder
        {
            Id = firstOrderId,
            AccountId = request.AccountId,
            Symbol = request.Symbol,
            Side = exitSide,
            Type = OrderType.Stop,
            TimeInForce = request.TimeInForce,
            Quantity = request.Quantity,
            ExpiresAt = TimeInForceRules.ExpiryFor(request.TimeInForce, request.EntryTime, request.ExpiresAt),
            PlacedAt = request.EntryTime,
            OcoGroup = firstOrderId,
            ParentDecisionId = request.ParentDecisionId,
            Status = OrderStatus.Open,
            ReduceOnly = true,
            Role = OrderRole.StopLoss,
            Agent = request.Agent,
            Login = request.Login,
        };

        var orders = new List<RestingOrder>(3);
        if (stopLoss is { } sl)
        {
            if (Level(request, sl, lossSide: true, instrument.TickSize) is not { } stop)
            {
                return Refuse($"stop-loss {sl} is not below the entry price {Fmt.Qty(request.EntryPrice)} for a long / above it for a short");
            }

            if (stop >= VenueLimits.MaxPrice)
            {
                return Refuse($"stop-loss {sl} puts the exit at {Fmt.Qty(stop)}, beyond the venue's maximum price of {Fmt.Qty(VenueLimits.MaxPrice)}");
            }

            orders.Add(template with { Id = firstOrderId + orders.Count, StopPrice = stop, StatusReason = $"bracket stop-loss at {Fmt.Qty(stop)}" });
        }

        if (takeProfit is { } tp)
        {
            if (Level(request, tp, lossSide: false, instrument.TickSize) is not { } limit)
            {
                return Refuse($"take-profit {tp} is not above the entry price {Fmt.Qty(request.EntryPrice)} for a long / below it for a short");
            }

            if (limit >= VenueLimits.MaxPrice)
            {
                return Refuse($"take-profit {tp} puts the exit at {Fmt.Qty(limit)}, beyond the venue's maximum price of {Fmt.Qty(VenueLimits.MaxPrice)}");
            }

            orders.Add(template with { Id = firstOrderId + orders.Count, Type = OrderType.Limit, Role = OrderRole.TakeProfit, LimitPrice = limit, StatusReason = $"bracket take-profit at {Fmt.Qty(limit)}" });
        }

        if (request.TrailingOffset is { } trail)
        {
            var isFraction = trail.Kind == ExitLevelKind.Fraction;
            if (isFraction && trail.Value >= 1m)
            {
                return Refuse($"trailing offset {trail} must be below 100 %");
            }

            var trailing = template with
            {
                Id = firstOrderId + orders.Count,
                Type = OrderType.TrailingStop,
                Role = OrderRole.TrailingStop,
                TrailingOffset = trail.Value,
                TrailingIsPercent = isFraction,
                BestPriceSincePlacement = request.EntryPrice,
            };
            var level = OrderStep.TrailingLevel(trailing, request.EntryPrice, instrument.TickSize);
            orders.Add(trailing with { StopPrice = level, StatusReason = $"bracket trailing stop {trail}, now at {Fmt.Qty(level)}" });
        }

        return new BracketResult(orders, null);
    }

    private static ExitLevel? Default(decimal? fraction) => fraction is { } f ? ExitLevel.AtFraction(f) : null;

    /// <summary>The rounded level, or null when it is on the wrong side of the entry.</summary>
    private static decimal? Level(BracketRequest request, ExitLevel level, bool lossSide, decimal tickSize)
    {
        var isLong = request.EntrySide == OrderSide.Buy;
        var below = isLong == lossSide; // long stop-loss and short take-profit lie below the entry
        var raw = level.Kind == ExitLevelKind.Price
            ? level.Value
            : request.EntryPrice * (below ? 1m - level.Value : 1m + level.Value);
        if (raw <= 0m)
        {
            return null;
        }

        if (raw >= VenueLimits.MaxPrice)
        {
            return raw; // above any entry; the caller refuses it (rounding it to a fine tick could overflow a decimal)
        }

        // Long legs round up, short legs down: towards the entry for a stop, away from it for a target.
        var rounded = EngineMath.RoundPriceAgainst(request.EntrySide, raw, tickSize);
        return below ? (rounded < request.EntryPrice ? rounded : null) : (rounded > request.EntryPrice ? rounded : null);
    }

    private static BracketResult Refuse(string reason) => new([], reason);
}
