namespace Trading.Data.MarketData;

/// <summary>One side of an order book, as market_depth stores it ('bid', 'ask').</summary>
public enum BookSide
{
    Bid,
    Ask,
}
