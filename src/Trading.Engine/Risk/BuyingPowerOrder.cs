using Trading.Engine.Primitives;

namespace Trading.Engine.Risk;

/// <summary>A hypothetical fill to check: the traded symbol is valued at <paramref name="Price"/>.</summary>
public sealed record BuyingPowerOrder(
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    LiquidityRole Role,
    decimal LotSize);
