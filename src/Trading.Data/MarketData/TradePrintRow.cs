using Trading.Engine.Queue;

namespace Trading.Data.MarketData;

/// <summary>One row of market_trades: a print of <paramref name="Symbol"/> with the venue's trade id.</summary>
public readonly record struct TradePrintRow(string Symbol, VenueTrade Trade);
