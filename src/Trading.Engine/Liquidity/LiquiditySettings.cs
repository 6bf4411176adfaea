namespace Trading.Engine.Liquidity;

/// <summary>
/// An account's liquidity model and the synthetic book it assumes where no depth snapshot is stored: the quoted size at
/// the touch, then <see cref="SyntheticUnitsPerTick"/> units at each tick worse (null: the touch's own size again, so
/// the assumed book is as thick as what the venue shows), <see cref="SyntheticLevels"/> levels in all.
/// </summary>
public sealed record LiquiditySettings
{
    public LiquiditySettings(LiquidityModel model, int syntheticLevels = 10, decimal? syntheticUnitsPerTick = null)
    {
        if (syntheticLevels is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(syntheticLevels), syntheticLevels, "A synthetic book has 1 to 1000 levels.");
        }

        if (syntheticUnitsPerTick is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(syntheticUnitsPerTick), syntheticUnitsPerTick, "The units per tick must be greater than zero (or null: the touch's size).");
        }

        Model = model;
        SyntheticLevels = syntheticLevels;
        SyntheticUnitsPerTick = syntheticUnitsPerTick;
    }

    /// <summary>Today's behaviour before the book walk: what the engine assumes when nothing else is said.</summary>
    public static LiquiditySettings Unbounded { get; } = new(LiquidityModel.Unbounded);

    public LiquidityModel Model { get; }

    public int SyntheticLevels { get; }

    public decimal? SyntheticUnitsPerTick { get; }
}
