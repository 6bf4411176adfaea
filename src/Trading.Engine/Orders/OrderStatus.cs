namespace Trading.Engine.Orders;

public enum OrderStatus
{
    New,
    Open,
    PartiallyFilled,
    Filled,
    Canceled,
    Rejected,
    Expired,
}
