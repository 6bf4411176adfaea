using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Randomness;
using Trading.Engine.Slippage;

namespace Trading.Engine.Fills;

public sealed record FillContext(
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    Quote Quote,
    InstrumentSpec Instrument,
    decimal SpreadFractionWhenLastOnly,
    ISlippageModel Slippage,
    DeterministicRandom Random);
