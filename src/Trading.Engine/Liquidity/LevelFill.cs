namespace Trading.Engine.Liquidity;

/// <summary>The quantity one order took from one book level, at that level's price.</summary>
public readonly record struct LevelFill(decimal Price, decimal Quantity);
