using System.Globalization;
using Trading.Engine.Fees;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;

namespace Trading.Engine.Risk;

/// <summary>
/// Pre-trade check on the state after the hypothetical fill: cash after = cash ∓ notional − fee,
/// other positions at their marks, the traded symbol at the fill price. An order is refused when
/// it increases gross exposure beyond equity after × leverage, or opens or increases a short on an
/// account that may not short. With partial sizing allowed, the quantity is instead reduced to the
/// largest whole number of lots that passes (passing is monotone in the quantity: fees and the
/// exposure of the part beyond flat only grow with it, so a binary search over lots is exact).
/// The reduced order keeps the fill price of the full one, which can only overstate its cost.
/// </summary>
public static class BuyingPower
{
    public static BuyingPowerResult Check(
        Portfolio portfolio,
        IReadOnlyDictionary<string, decimal> marks,
        BuyingPowerOrder order,
        IFeeModel fees,
        BuyingPowerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(fees);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Leverage <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy.Leverage, "Leverage must be greater than zero.");
        }

        var scenario = new Scenario(portfolio, marks, order, fees, policy.Leverage);
        var full = scenario.Evaluate(order.Quantity);
        if (!policy.AllowShorting && full.OpensOrIncreasesShort)
        {
            return Refuse(order, $"shorting is disabled: order would leave a short of {Fmt.Qty(-full.SignedAfter)} {order.Symbol}");
        }

        if (full.Passes)
        {
            return new BuyingPowerResult(true, order.Quantity, order.Quantity, $"buying power ok: {Figures(full)}");
        }

        if (!policy.AllowPartialSize)
        {
            return Refuse(order, $"insufficient buying power: {Figures(full)}");
        }

        var lots = LargestPassingLots(scenario, order);
        if (lots == 0m)
        {
            return Refuse(order, $"insufficient buying power even for one lot of {Fmt.Qty(order.LotSize)}: {Figures(full)}");
        }

        var reduced = lots * order.LotSize;
        return new BuyingPowerResult(
            true,
            order.Quantity,
            reduced,
            $"quantity reduced from {Fmt.Qty(order.Quantity)} to {Fmt.Qty(reduced)} by buying power: {Figures(full)}");
    }

    private static decimal LargestPassingLots(Scenario scenario, BuyingPowerOrder order)
    {
        var high = Math.Floor(order.Quantity / order.LotSize);
        if (high * order.LotSize == order.Quantity)
        {
            high -= 1m; // the full order is known to fail
        }

        return Search(scenario, order, 0m, Math.Max(high, 0m));
    }

    private static decimal Search(Scenario scenario, BuyingPowerOrder order, decimal low, decimal high)
    {
        // Invariant: low passes; everything above high fails.
        while (low < high)
        {
            var mid = Math.Ceiling((low + high) / 2m);
            if (scenario.Evaluate(mid * order.LotSize).Passes)
            {
                low = mid;
            }
            else
            {
                high = mid - 1m;
            }
        }

        return low;
    }

    private static BuyingPowerResult Refuse(BuyingPowerOrder order, string reason) =>
        new(false, order.Quantity, 0m, reason);

    private static string Figures(Outcome o) => string.Create(
        CultureInfo.InvariantCulture,
        // Both equities: the limit is taken on the equity after the fill (fee paid, the symbol at the fill price), which
        // alone reads like a wrong figure for the account beside the equity the views show now.
        $"order needs {Fmt.Money(o.ExposureAfter)} exposure, equity after this fill {Fmt.Money(o.EquityAfter)} (now {Fmt.Money(o.EquityBefore)}) × leverage {Fmt.Qty(o.Leverage)} allows {Fmt.Money(o.Allowance)}");

    private readonly record struct Outcome(
        decimal SignedBefore,
        decimal SignedAfter,
        decimal ExposureAfter,
        decimal EquityAfter,
        decimal EquityBefore,
        decimal Leverage)
    {
        public decimal Allowance => EquityAfter * Leverage;

        public bool IncreasesExposure => Math.Abs(SignedAfter) > Math.Abs(SignedBefore);

        public bool OpensOrIncreasesShort => SignedAfter < 0m && SignedAfter < SignedBefore;

        public bool Passes => !IncreasesExposure || ExposureAfter <= Allowance;
    }

    private sealed class Scenario
    {
        private readonly Portfolio _portfolio;
        private readonly BuyingPowerOrder _order;
        private readonly IFeeModel _fees;
        private readonly decimal _leverage;
        private readonly decimal _signedBefore;
        private readonly decimal _otherExposure;
        private readonly decimal _otherSignedValue;
        private readonly decimal _equityBefore;

        public Scenario(Portfolio portfolio, IReadOnlyDictionary<string, decimal> marks, BuyingPowerOrder order, IFeeModel fees, decimal leverage)
        {
            _portfolio = portfolio;
            _order = order;
            _fees = fees;
            _leverage = leverage;
            _signedBefore = portfolio.Book.Get(order.Symbol)?.SignedQuantity ?? 0m;
            foreach (var position in portfolio.Positions.Where(p => p.Symbol != order.Symbol))
            {
                var mark = marks.TryGetValue(position.Symbol, out var m)
                    ? m
                    : throw new KeyNotFoundException($"No mark price for open position {position.Symbol}.");
                _otherExposure += position.MarketValue(mark);
                _otherSignedValue += position.SignedMarketValue(mark);
            }

            var own = portfolio.Book.Get(order.Symbol);
            _equityBefore = portfolio.Cash + _otherSignedValue
                + (own is null ? 0m : own.SignedMarketValue(marks.TryGetValue(order.Symbol, out var ownMark) ? ownMark : order.Price));
        }

        public Outcome Evaluate(decimal quantity)
        {
            var notional = EngineMath.Notional(quantity, _order.Price);
            var fee = quantity == 0m ? 0m : _fees.Fee(new FeeContext(notional, _order.Role));
            var buy = _order.Side == OrderSide.Buy;
            var cashAfter = _portfolio.Cash + (buy ? -notional : notional) - fee;
            var signedAfter = _signedBefore + (buy ? quantity : -quantity);
            var valueAfter = EngineMath.Notional(Math.Abs(signedAfter), _order.Price);
            var equityAfter = cashAfter + _otherSignedValue + (signedAfter < 0m ? -valueAfter : valueAfter);
            return new Outcome(_signedBefore, signedAfter, _otherExposure + valueAfter, equityAfter, _equityBefore, _leverage);
        }
    }
}
