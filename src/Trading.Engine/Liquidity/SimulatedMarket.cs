using Trading.Engine.Queue;

namespace Trading.Engine.Liquidity;

/// <summary>The book behind one simulated quote and the prints that traded up to it (ids increase per symbol).</summary>
public sealed record SimulatedMarket(OrderBook Book, IReadOnlyList<VenueTrade> Prints);
