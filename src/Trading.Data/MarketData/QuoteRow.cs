using Trading.Engine.MarketData;

namespace Trading.Data.MarketData;

/// <summary>One row for market_prices: a validated quote plus the traded volume when the feed has it (klines do).</summary>
public readonly record struct QuoteRow(Quote Quote, decimal? Volume = null);
