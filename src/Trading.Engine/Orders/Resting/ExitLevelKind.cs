namespace Trading.Engine.Orders.Resting;

public enum ExitLevelKind
{
    /// <summary>An absolute price (for a trailing offset: an amount in price units).</summary>
    Price,

    /// <summary>A fraction of the entry price (for a trailing offset: of the best price); 0.05 = 5 %.</summary>
    Fraction,
}
