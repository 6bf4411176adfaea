namespace Trading.Engine.Liquidity;

/// <summary>One price level of an order book: a positive price and the non-negative size resting there.</summary>
public readonly record struct BookLevel
{
    public BookLevel(decimal price, decimal size)
    {
        if (price <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "A book level's price must be greater than zero.");
        }

        if (size < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A book level's size must not be negative.");
        }

        Price = price;
        Size = size;
    }

    public decimal Price { get; }

    public decimal Size { get; }
}
