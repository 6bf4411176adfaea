namespace Trading.Data.MarketData;

/// <summary>Settings of a <see cref="QuoteIngestor"/>.</summary>
public sealed record QuoteIngestorOptions
{
    /// <summary>Rows per transaction. Larger batches amortise the commit; 10,000 rows is a few tens of milliseconds.</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>At most one NOTIFY market_prices per interval; changes in between are folded into the next one.</summary>
    public TimeSpan NotifyInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Batches written at once on separate connections; 2 keeps two server cores busy (measured: bench ingest).</summary>
    public int MaxConcurrentBatches { get; init; } = 2;

    public DuplicateHandling Duplicates { get; init; } = DuplicateHandling.Optimistic;

    /// <summary>Written to market_prices.source (e.g. "sim", "replay"); null leaves it empty.</summary>
    public string? Source { get; init; }

    public void Validate()
    {
        if (BatchSize is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must lie in [1, 1,000,000].");
        }

        if (MaxConcurrentBatches is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentBatches), MaxConcurrentBatches, "Concurrent batches must lie in [1, 64].");
        }

        if (NotifyInterval < TimeSpan.Zero || NotifyInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(NotifyInterval), NotifyInterval, "The notify interval must lie in [0, 1 minute].");
        }

        if (!Enum.IsDefined(Duplicates))
        {
            throw new ArgumentOutOfRangeException(nameof(Duplicates), Duplicates, "Unknown duplicate handling.");
        }
    }
}
