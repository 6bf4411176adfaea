namespace Trading.Engine.Liquidity;

/// <summary>
/// Which book priced a fill (stored with it): <see cref="Kind"/> is <c>depth</c> (a stored L2 snapshot taken at
/// <see cref="Time"/>), <c>synthetic</c> (made from the quote at <see cref="Time"/>), <c>touch</c> (the quote's touch
/// size only) or <c>unbounded</c> (no size known or assumed). <see cref="Level"/> is the fill's level (0 the touch),
/// <see cref="Levels"/> how many levels its order walked, <see cref="OrderQuantity"/> the quantity the walk filled.
/// </summary>
public sealed record BookProvenance(string Kind, DateTimeOffset? Time, int Level, int Levels, decimal OrderQuantity)
{
    public const string Depth = "depth";
    public const string Synthetic = "synthetic";
    public const string Touch = "touch";
    public const string Unbounded = "unbounded";

    /// <summary>A fill that walked no book: the touch when the quote gave its side a size, else unbounded.</summary>
    public static BookProvenance AtTouch(bool sized, decimal quantity) => new(sized ? Touch : Unbounded, null, 0, 1, quantity);
}
