using Trading.Engine.Primitives;
using Trading.Engine.Slippage;

namespace Trading.Engine.Fills;

/// <summary>
/// Market orders, matching rules:
/// 1. Reference: a buy takes the ask, a sell the bid. Without that side, last × (1 ± spread/2)
///    (buy +, sell −), where spread is the configured fraction for last-only quotes.
/// 2. Slippage moves the price against the trader: buy ref × (1 + f), sell ref × (1 − f).
/// 3. The result is rounded to the tick against the trader (buy up, sell down).
/// Slippage per unit is reported as |price − ref|, rounding included; it is never charged again.
/// </summary>
public sealed class MarketFillModel : IFillModel
{
    public string Name => "market";

    public FillPrice? Price(FillContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var reference = ReferencePrice(ctx);
        if (reference is not { } refPrice)
        {
            return null;
        }

        var notional = EngineMath.Notional(ctx.Quantity, refPrice);
        var fraction = ctx.Slippage.SlippageFraction(
            new SlippageContext(ctx.Side, ctx.Type, refPrice, ctx.Quantity, notional, ctx.Quote, ctx.Random));
        if (fraction < 0m)
        {
            throw new InvalidOperationException(
                $"Slippage model {ctx.Slippage.Name} returned a negative fraction {fraction}; slippage always works against the trader.");
        }

        var raw = ctx.Side == OrderSide.Buy ? refPrice * (1m + fraction) : refPrice * (1m - fraction);
        if (raw <= 0m)
        {
            return null;
        }

        var price = EngineMath.RoundPriceAgainst(ctx.Side, raw, ctx.Instrument.TickSize);
        return new FillPrice(refPrice, price, fraction, Math.Abs(price - refPrice));
    }

    private static decimal? ReferencePrice(FillContext ctx)
    {
        var touch = ctx.Side == OrderSide.Buy ? ctx.Quote.Ask : ctx.Quote.Bid;
        if (touch is not null)
        {
            return touch;
        }

        if (ctx.Quote.Last is not { } last)
        {
            return null;
        }

        var halfSpread = ctx.SpreadFractionWhenLastOnly / 2m;
        return ctx.Side == OrderSide.Buy ? last * (1m + halfSpread) : last * (1m - halfSpread);
    }
}
