namespace Trading.Engine.Risk;

public sealed record BuyingPowerPolicy(decimal Leverage, bool AllowShorting, bool AllowPartialSize);
