using Trading.Engine.Primitives;

namespace Trading.Engine.Liquidity;

/// <summary>
/// What an order took from a book, level by level. <see cref="Remaining"/> is what the book (or the limit price) could
/// not give: the caller leaves it open, cancels it or reports a partial fill.
/// </summary>
public sealed record BookWalk(OrderSide Side, decimal Requested, IReadOnlyList<LevelFill> Fills)
{
    public decimal Filled => Fills.Sum(f => f.Quantity);

    public decimal Remaining => Requested - Filled;

    public bool IsPartial => Filled > 0m && Remaining > 0m;

    /// <summary>Σ quantity × price per level, each rounded to money scale (as each would be booked).</summary>
    public decimal Notional => Fills.Sum(f => EngineMath.Notional(f.Quantity, f.Price));

    /// <summary>The volume-weighted price, rounded to money scale; null when nothing filled.</summary>
    public decimal? AveragePrice => Filled > 0m ? EngineMath.RoundMoney(Notional / Filled) : null;
}
