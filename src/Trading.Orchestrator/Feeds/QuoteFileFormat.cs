namespace Trading.Orchestrator.Feeds;

/// <summary>Layouts a replay file may have.</summary>
public enum QuoteFileFormat
{
    /// <summary>time,symbol,bid,ask[,last,bid_size,ask_size,volume]; an optional header line starting with "time".</summary>
    Quotes,

    /// <summary>
    /// Exchange klines (Binance layout): open_time,open,high,low,close,volume,close_time[,...]; times in epoch
    /// milliseconds (microseconds when the value has 16 digits); the symbol comes from the command line. Each kline
    /// becomes a last-price quote at its close time, so nothing is known before the candle closed.
    /// </summary>
    Kline,

    /// <summary>Order-book levels for market_depth: time,symbol,side,level,price,size (see <see cref="BookFileReader"/>).</summary>
    Depth,

    /// <summary>Trade prints for market_trades: time,symbol,trade_id,price,size[,aggressor] (see <see cref="BookFileReader"/>).</summary>
    Trades,
}
