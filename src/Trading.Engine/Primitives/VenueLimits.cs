namespace Trading.Engine.Primitives;

/// <summary>
/// The largest values the venue carries, each an exclusive upper bound. The database enforces the same values at
/// INSERT (migration 0012: max_price(), max_quantity(), max_amount() and the *_max constraints), and a test compares
/// the two, so the engine can refuse an order with a sentence before a numeric(28,10) column overflows.
/// Every stored amount is numeric(28,10), below 10^18: one position is worth at most MaxQuantity × MaxPrice = 10^17,
/// a tenth of that, and capital, deposits and notional stay below MaxAmount.
/// </summary>
public static class VenueLimits
{
    /// <summary>Prices per unit stay below 10^8 (a thousand times Bitcoin's price in USD).</summary>
    public const decimal MaxPrice = 100_000_000m;

    /// <summary>Quantities stay below 10^9 units (numeric(28,12) would allow 10^16).</summary>
    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>Money amounts (capital, cash moved by a deposit, notional, fees, risk limits) stay below 10^15.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>A take-profit in percent of the entry price is at most this (a 101-fold exit price).</summary>
    public const decimal MaxTakeProfitPercent = 10_000m;
}
