namespace Trading.Engine.Primitives;

public enum DecisionAction
{
    Buy,
    Sell,
    Close,
    Hold,
}
