using Trading.Engine.MarketData;
using Trading.Engine.Liquidity;
using Trading.Engine.Queue;

namespace Trading.Data.MarketData;

/// <summary>
/// One row for market_prices: a validated quote plus the traded volume when the feed has it (klines do), and, when the
/// feed has them, the book at the quote's time (market_depth) and the prints since the previous quote (market_trades).
/// The book and the prints are written in the quote's transaction and skipped with it when the quote is a duplicate.
/// </summary>
public readonly record struct QuoteRow(
    Quote Quote, decimal? Volume = null, OrderBook? Book = null, IReadOnlyList<VenueTrade>? Trades = null);
