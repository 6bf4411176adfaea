namespace Trading.Orchestrator.Feeds.Exchange;

/// <summary>
/// Where a Binance-style exchange feed connects: the combined bookTicker stream, the REST base for snapshots, and the
/// exchange's symbol names mapped to ours (BTCUSDT → BTC/USDT).
/// </summary>
public sealed record ExchangeFeedOptions
{
    public required Uri StreamUri { get; init; }

    public required Uri RestUri { get; init; }

    public required IReadOnlyDictionary<string, string> Symbols { get; init; }

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No frame for this long is a gap: the connection is dropped, re-opened and a REST snapshot taken.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Binance spot public endpoints for our symbols (BTC/USDT → btcusdt@bookTicker).</summary>
    public static ExchangeFeedOptions Binance(IEnumerable<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var map = symbols.ToDictionary(s => s.Replace("/", string.Empty, StringComparison.Ordinal), s => s, StringComparer.Ordinal);
        var streams = string.Join('/', map.Keys.Select(k => k.ToLowerInvariant() + "@bookTicker"));
        return new ExchangeFeedOptions
        {
            StreamUri = new Uri($"wss://stream.binance.com:9443/stream?streams={streams}"),
            RestUri = new Uri("https://api.binance.com/"),
            Symbols = map,
        };
    }

    public void Validate()
    {
        if (Symbols.Count == 0)
        {
            throw new ArgumentException("At least one symbol is needed.", nameof(Symbols));
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, "Backoff needs 0 < initial <= max.");
        }

        if (SilenceTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SilenceTimeout), SilenceTimeout, "The silence timeout must be positive.");
        }
    }
}
