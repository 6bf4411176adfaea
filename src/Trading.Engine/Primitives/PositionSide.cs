namespace Trading.Engine.Primitives;

public enum PositionSide
{
#pragma warning disable CA1720 // Long/Short are the trading terms and the SQL contract's values, not type names.
    Long,
    Short,
#pragma warning restore CA1720
}
