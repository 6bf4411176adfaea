namespace Trading.Strategies.Config;

/// <summary>Which side a strategy trades: config <c>direction</c> "long", "short" or "both".</summary>
public enum StrategyDirection
{
#pragma warning disable CA1720 // Long/Short are the trading terms of the config and the SQL contract, not type names.
    Long,
    Short,
#pragma warning restore CA1720
    Both,
}
