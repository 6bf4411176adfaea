namespace Trading.Engine.Queue;

/// <summary>A print with the venue's trade id (or a feed's own sequence), which tells a repeated print from a new one.</summary>
public readonly record struct VenueTrade(long TradeId, TradePrint Print);
