using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Randomness;

namespace Trading.Engine.Slippage;

/// <summary>What a slippage model may look at: the order, its reference price and notional, the quote and the decision's generator.</summary>
public sealed record SlippageContext(
    OrderSide Side,
    OrderType OrderType,
    decimal ReferencePrice,
    decimal Quantity,
    decimal Notional,
    Quote Quote,
    DeterministicRandom Random);
