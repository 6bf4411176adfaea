namespace Trading.Engine.Primitives;

public enum OrderSide
{
    Buy,
    Sell,
}
