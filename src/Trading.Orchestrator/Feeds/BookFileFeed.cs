using Trading.Data.MarketData;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Replays a depth or trades file (<see cref="BookFileReader"/>) into market_depth or market_trades. Like
/// <see cref="ReplayFeed"/>, the whole file is validated first, so a bad file loads nothing; then it is loaded at full
/// speed, in batches, a re-run storing nothing twice. A book or a print wakes no worker: quotes do that.
/// </summary>
public sealed class BookFileFeed : IQuoteFeed
{
    private readonly string path;
    private readonly QuoteFileFormat format;
    private readonly IProgress<long>? progress;
    private long? rowCount;

    public BookFileFeed(string path, QuoteFileFormat format, IProgress<long>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (format is not (QuoteFileFormat.Depth or QuoteFileFormat.Trades))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "A book file is a depth or a trades file.");
        }

        this.path = path;
        this.format = format;
        this.progress = progress;
    }

    public string Unit => format == QuoteFileFormat.Depth ? "book levels" : "trade prints";

    /// <summary>Reads the whole file and checks every line; throws <see cref="QuoteFileException"/> at the first fault.</summary>
    public async Task<long> ValidateAsync(CancellationToken cancellationToken)
    {
        rowCount = format == QuoteFileFormat.Depth
            ? await CountAsync(Rows(BookFileReader.ReadDepth, cancellationToken), cancellationToken)
            : await CountAsync(Rows(BookFileReader.ReadTrades, cancellationToken), cancellationToken);
        return rowCount.Value;
    }

    public async Task<IngestResult> RunAsync(QuoteIngestor sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (rowCount is null)
        {
            await ValidateAsync(cancellationToken);
        }

        var writer = sink.BooksAndPrints();
        return format == QuoteFileFormat.Depth
            ? await writer.WriteDepthAsync(Rows(BookFileReader.ReadDepth, cancellationToken), progress, cancellationToken)
            : await writer.WriteTradesAsync(Rows(BookFileReader.ReadTrades, cancellationToken), progress, cancellationToken);
    }

    private static async Task<long> CountAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in rows.WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }

    private async IAsyncEnumerable<T> Rows<T>(Func<TextReader, IEnumerable<T>> read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        long count = 0;
        foreach (var row in read(reader))
        {
            yield return row;
            if (++count % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }
        }
    }
}
