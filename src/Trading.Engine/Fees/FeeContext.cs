using Trading.Engine.Primitives;

namespace Trading.Engine.Fees;

public sealed record FeeContext(decimal Notional, LiquidityRole Role);
