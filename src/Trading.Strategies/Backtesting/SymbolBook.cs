namespace Trading.Strategies.Backtesting;

/// <summary>One symbol of a backtest: its bar under construction and what its trades need to know.</summary>
internal sealed class SymbolBook(string symbol, TimeSpan timeframe)
{
    public BarBuilder Bars { get; } = new(symbol, timeframe);

    /// <summary>The signed quantity held, as the fills moved it.</summary>
    public decimal Held { get; set; }

    /// <summary>The signal that opened the position held, if any.</summary>
    public string? EntrySignal { get; set; }

    /// <summary>When a trade in the symbol last closed (the strategy's cool-down counts from it).</summary>
    public DateTimeOffset? LastExit { get; set; }
}
