using System.Runtime.CompilerServices;
using Trading.Data.MarketData;
using Trading.Engine.MarketData;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Replays a quotes or kline file through the ingestor. The whole file is validated first, so a malformed file loads
/// nothing (<see cref="QuoteFileException"/> names the line and column); then it is loaded at full speed, or paced by
/// the quote times divided by the speed.
/// </summary>
public sealed class ReplayFeed : IQuoteFeed
{
    private readonly ReplayFeedOptions options;
    private readonly TimeProvider time;
    private readonly IProgress<long>? progress;
    private long pacedRows;

    public ReplayFeed(ReplayFeedOptions options, TimeProvider time, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        this.options = options;
        this.time = time;
        this.progress = progress;
    }

    /// <summary>Rows in the file; known after <see cref="ValidateAsync"/>.</summary>
    public long? RowCount { get; private set; }

    /// <summary>Reads the whole file and checks every field; throws <see cref="QuoteFileException"/> at the first fault.</summary>
    public async Task<long> ValidateAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(options.Path);
        long count = 0;
        foreach (var _ in QuoteFileReader.Read(reader, options.Format, options.Symbol))
        {
            if (++count % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }
        }

        RowCount = count;
        return count;
    }

    public async Task<IngestResult> RunAsync(QuoteIngestor sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (RowCount is null)
        {
            await ValidateAsync(cancellationToken);
        }

        return options.Speed is { } speed
            ? await PacedAsync(sink, speed, cancellationToken)
            : await sink.WriteAsync(Rows(cancellationToken), progress, cancellationToken);
    }

    private async IAsyncEnumerable<QuoteRow> Rows([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(options.Path);
        long count = 0;
        foreach (var row in QuoteFileReader.Read(reader, options.Format, options.Symbol))
        {
            yield return row;
            if (++count % 100_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }
        }
    }

    private async Task<IngestResult> PacedAsync(QuoteIngestor sink, decimal speed, CancellationToken cancellationToken)
    {
        var result = default(IngestResult);
        var batch = new List<QuoteRow>();
        var started = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        DateTimeOffset? first = null;
        using var reader = new StreamReader(options.Path);
        foreach (var row in QuoteFileReader.Read(reader, options.Format, options.Symbol))
        {
            first ??= row.Quote.Time;
            var offset = TimeSpan.FromTicks((long)((row.Quote.Time - first.Value).Ticks / speed));
            var wait = offset - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                // Everything due so far goes out before waiting for the next quote's moment.
                result += await WriteAsync(sink, batch, cancellationToken);
                await Task.Delay(wait, time, cancellationToken);
            }

            batch.Add(options.ShiftToNow ? Restamped(row, startedAt + offset) : row);
            if (batch.Count >= sink.Options.BatchSize)
            {
                result += await WriteAsync(sink, batch, cancellationToken);
            }
        }

        return result + await WriteAsync(sink, batch, cancellationToken);
    }

    private async Task<IngestResult> WriteAsync(QuoteIngestor sink, List<QuoteRow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return default;
        }

        var result = await sink.WriteAsync(batch.ToArray(), cancellationToken);
        batch.Clear();
        pacedRows += result.Received;
        progress?.Report(pacedRows);
        return result;
    }

    private static QuoteRow Restamped(QuoteRow row, DateTimeOffset at)
    {
        var q = row.Quote;
        return row with { Quote = new Quote(q.Symbol, at, q.Bid, q.Ask, q.Last, q.BidSize, q.AskSize) };
    }
}
