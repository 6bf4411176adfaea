namespace Trading.Orchestrator.Feeds;

/// <summary>Settings of a <see cref="ReplayFeed"/>.</summary>
public sealed record ReplayFeedOptions
{
    public required string Path { get; init; }

    public QuoteFileFormat Format { get; init; } = QuoteFileFormat.Quotes;

    /// <summary>The symbol of a kline file (klines do not name it).</summary>
    public string? Symbol { get; init; }

    /// <summary>Null loads at full speed; otherwise quotes are written as their times come, sped up by this factor.</summary>
    public decimal? Speed { get; init; }

    /// <summary>Paced replay only: re-stamp quotes so that the first is "now" (live consumers reject stale quotes).</summary>
    public bool ShiftToNow { get; init; }

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Path);
        if (Speed is <= 0m or > 1_000_000m)
        {
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "The speed must lie in (0, 1,000,000].");
        }

        if (Format == QuoteFileFormat.Kline && string.IsNullOrWhiteSpace(Symbol))
        {
            throw new ArgumentException("A kline file needs a symbol.", nameof(Symbol));
        }

        if (ShiftToNow && Speed is null)
        {
            throw new ArgumentException("Shifting to now needs a paced replay (a speed).", nameof(ShiftToNow));
        }
    }
}
