namespace Trading.Engine.Orders.Resting;

/// <summary>What an order is for: an entry a decision asked for, or one exit of the bracket its fill created.</summary>
public enum OrderRole
{
    Entry,
    StopLoss,
    TakeProfit,
    TrailingStop,
}
