using Trading.Engine.Primitives;

namespace Trading.Engine.Positions;

/// <summary>
/// One open net position. <see cref="CostBasis"/> is the exact cash paid (long) or received (short)
/// for the open quantity; <see cref="EntryFees"/> are the fees of the open quantity not yet
/// allocated to a trade. A flat position does not exist: quantity is always greater than zero.
/// </summary>
public sealed record Position
{
    public Position(
        string symbol,
        PositionSide side,
        decimal quantity,
        decimal costBasis,
        decimal entryFees,
        DateTimeOffset openedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (quantity <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"An open {symbol} position needs a quantity greater than zero.");
        }

        if (costBasis < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(costBasis), costBasis, "A cost basis must not be negative.");
        }

        if (entryFees < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(entryFees), entryFees, "Entry fees must not be negative.");
        }

        Symbol = symbol;
        Side = side;
        Quantity = quantity;
        CostBasis = costBasis;
        EntryFees = entryFees;
        OpenedAt = openedAt;
    }

    public string Symbol { get; }

    public PositionSide Side { get; }

    public decimal Quantity { get; }

    public decimal CostBasis { get; }

    public decimal EntryFees { get; }

    public DateTimeOffset OpenedAt { get; }

    /// <summary>For display only (rounded to price scale); accounting uses <see cref="CostBasis"/>.</summary>
    public decimal AverageEntryPrice => EngineMath.RoundMoney(CostBasis / Quantity);

    public decimal SignedQuantity => Side == PositionSide.Long ? Quantity : -Quantity;

    /// <summary>Quantity × mark, rounded to money scale (always positive).</summary>
    public decimal MarketValue(decimal mark) => EngineMath.Notional(Quantity, mark);

    /// <summary>Signed market value: positive for a long, negative for a short.</summary>
    public decimal SignedMarketValue(decimal mark) =>
        Side == PositionSide.Long ? MarketValue(mark) : -MarketValue(mark);

    /// <summary>Long: value − cost; short: cost − value.</summary>
    public decimal UnrealizedGross(decimal mark) =>
        Side == PositionSide.Long ? MarketValue(mark) - CostBasis : CostBasis - MarketValue(mark);

    public decimal UnrealizedNet(decimal mark) => UnrealizedGross(mark) - EntryFees;
}
