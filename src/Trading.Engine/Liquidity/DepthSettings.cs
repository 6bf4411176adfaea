namespace Trading.Engine.Liquidity;

/// <summary>
/// How <see cref="DepthSimulator"/> dresses a simulated quote: <see cref="Levels"/> levels a side (the touch included),
/// <see cref="SpacingTicks"/> ticks apart, each level deeper holding about <see cref="SizeGrowth"/> × the touch size
/// more; and up to <see cref="MaxPrintsPerQuote"/> trade prints per quote at the touch.
/// </summary>
public sealed record DepthSettings
{
    public DepthSettings(int levels = 10, int spacingTicks = 1, decimal sizeGrowth = 0.5m, int maxPrintsPerQuote = 3)
    {
        if (levels is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "The book depth must lie in [1, 1000] levels.");
        }

        if (spacingTicks is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(spacingTicks), spacingTicks, "The level spacing must lie in [1, 10000] ticks.");
        }

        if (sizeGrowth is < 0m or > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeGrowth), sizeGrowth, "The size growth must lie in [0, 100].");
        }

        if (maxPrintsPerQuote is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPrintsPerQuote), maxPrintsPerQuote, "The prints per quote must lie in [0, 100].");
        }

        Levels = levels;
        SpacingTicks = spacingTicks;
        SizeGrowth = sizeGrowth;
        MaxPrintsPerQuote = maxPrintsPerQuote;
    }

    public int Levels { get; }

    public int SpacingTicks { get; }

    public decimal SizeGrowth { get; }

    public int MaxPrintsPerQuote { get; }
}
