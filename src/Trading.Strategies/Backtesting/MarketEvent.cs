using Trading.Engine.MarketData;

namespace Trading.Strategies.Backtesting;

/// <summary>One stored quote and the volume traded with it (what a bar sums), in time order.</summary>
public readonly record struct MarketEvent(Quote Quote, decimal? Volume);
