namespace Trading.Engine.Primitives;

public enum TimeInForce
{
    Gtc,
    Day,
    Ioc,
    Fok,
    Gtd,
}
