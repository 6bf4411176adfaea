namespace Trading.Engine.Primitives;

public enum LiquidityRole
{
    Maker,
    Taker,
}
