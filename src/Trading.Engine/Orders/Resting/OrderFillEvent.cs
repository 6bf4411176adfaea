using Trading.Engine.Liquidity;
using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// One execution of a working order. Slippage is inside <see cref="Price"/> and reported, never
/// charged again; <see cref="Fee"/> is already computed for <see cref="Role"/>. Apply it to the
/// account with <c>Portfolio.ApplyFill(Symbol, Side, Quantity, Price, Fee, Time)</c>.
/// <see cref="RngSeed"/> is the seed of the generator used for this order on this quote. <see cref="FillModel"/> names the
/// model that filled it when that is not the account's market fill model (a queued limit: "queue").
/// </summary>
public sealed record OrderFillEvent(
    long OrderId,
    string Symbol,
    OrderSide Side,
    OrderType OrderType,
    decimal Quantity,
    decimal Price,
    decimal ReferencePrice,
    decimal SlippageFraction,
    decimal SlippagePerUnit,
    decimal Notional,
    LiquidityRole Role,
    decimal Fee,
    DateTimeOffset Time,
    long RngSeed,
    long? OcoGroup,
    long? ParentDecisionId,
    string? FillModel = null)
{
    /// <summary>The book level this fill took (set by the arrival's book walk); null for a fill at the touch.</summary>
    public BookProvenance? Book { get; init; }

    /// <summary>
    /// Whether the fill takes its quantity from a book rather than the touch (a taker, or a limit the quote traded
    /// through, of a book-walking account): the caller prices it level by level.
    /// </summary>
    public bool WalksBook { get; init; }
}
