using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.MarketData;

/// <summary>
/// The one way quotes reach market_prices: batches of binary COPY, one transaction per batch, unknown symbols
/// registered in instruments first, duplicates of (symbol, time) skipped (see <see cref="DuplicateHandling"/>), and a
/// throttled NOTIFY market_prices after each committed batch. Writes are serialised; one instance may be shared.
/// </summary>
public sealed partial class QuoteIngestor : IAsyncDisposable
{
    /// <summary>The channel the orchestrator LISTENs on; the payload is the comma-separated symbols written.</summary>
    public const string Channel = NotificationThrottle.Channel;

    // After a conflict in optimistic mode, this many batches go through staging before COPY is tried again.
    private const int StagingBatchesAfterConflict = 8;

    private const string RegisterSymbolsSql = """
        INSERT INTO instruments (symbol) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING
        """;

    private const string CreateStagingSql = """
        CREATE TEMP TABLE IF NOT EXISTS market_prices_staging (LIKE market_prices INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
        """;

    private const string MergeStagingSql = """
        INSERT INTO market_prices (time, symbol, bid, ask, last, bid_size, ask_size, volume, source)
        SELECT time, symbol, bid, ask, last, bid_size, ask_size, volume, source FROM market_prices_staging
        ON CONFLICT (symbol, time) DO NOTHING
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly QuoteIngestorOptions options;
    private readonly ILogger logger;
    private readonly NotificationThrottle notifier;
    private readonly HashSet<string> knownSymbols = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private int stagingBatchesLeft;

    public QuoteIngestor(NpgsqlDataSource dataSource, QuoteIngestorOptions options, TimeProvider time, ILogger<QuoteIngestor> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        this.dataSource = dataSource;
        this.options = options;
        this.logger = logger;
        notifier = new NotificationThrottle(dataSource, options.NotifyInterval, time, logger);
    }

    public QuoteIngestorOptions Options => options;

    /// <summary>Writes the rows in batches of <see cref="QuoteIngestorOptions.BatchSize"/>, one transaction each.</summary>
    public async Task<IngestResult> WriteAsync(IReadOnlyList<QuoteRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = default(IngestResult);
        for (var offset = 0; offset < rows.Count; offset += options.BatchSize)
        {
            var count = Math.Min(options.BatchSize, rows.Count - offset);
            var batch = rows is QuoteRow[] array
                ? new ArraySegment<QuoteRow>(array, offset, count)
                : (IReadOnlyList<QuoteRow>)rows.Skip(offset).Take(count).ToArray();
            result += await WriteBatchAsync(batch, cancellationToken);
        }

        return result;
    }

    /// <summary>Streams rows in batches; <paramref name="progress"/> hears the running count of rows handled.</summary>
    public async Task<IngestResult> WriteAsync(
        IAsyncEnumerable<QuoteRow> rows, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = default(IngestResult);
        var buffer = new QuoteRow[options.BatchSize];
        var filled = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            buffer[filled++] = row;
            if (filled == buffer.Length)
            {
                result += await WriteBatchAsync(buffer, cancellationToken);
                filled = 0;
                progress?.Report(result.Received);
            }
        }

        if (filled > 0)
        {
            result += await WriteBatchAsync(new ArraySegment<QuoteRow>(buffer, 0, filled), cancellationToken);
            progress?.Report(result.Received);
        }

        return result;
    }

    /// <summary>Sends the pending notification now instead of at the end of the throttle interval.</summary>
    public Task FlushNotificationsAsync(CancellationToken cancellationToken) => notifier.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await notifier.DisposeAsync();
        writeLock.Dispose();
    }

    private async Task<IngestResult> WriteBatchAsync(IReadOnlyList<QuoteRow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return default;
        }

        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var rows = options.Duplicates == DuplicateHandling.AssumeUnique ? batch : WithoutRepeats(batch);
            var symbols = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                symbols.Add(row.Quote.Symbol);
            }

            var newSymbols = symbols.Where(s => !knownSymbols.Contains(s)).ToArray();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            long written;
            var staging = options.Duplicates == DuplicateHandling.Staging || stagingBatchesLeft > 0;
            if (staging)
            {
                written = await CommitAsync(connection, rows, newSymbols, staging: true, cancellationToken);
                stagingBatchesLeft = Math.Max(0, stagingBatchesLeft - 1);
            }
            else
            {
                try
                {
                    written = await CommitAsync(connection, rows, newSymbols, staging: false, cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation
                                                  && options.Duplicates == DuplicateHandling.Optimistic)
                {
                    LogFallingBackToStaging(rows.Count, e.ConstraintName);
                    stagingBatchesLeft = StagingBatchesAfterConflict;
                    written = await CommitAsync(connection, rows, newSymbols, staging: true, cancellationToken);
                }
            }

            knownSymbols.UnionWith(newSymbols);
            await notifier.OnCommittedAsync(symbols, connection, cancellationToken);
            return new IngestResult(batch.Count, written, 1);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task<long> CommitAsync(
        NpgsqlConnection connection, IReadOnlyList<QuoteRow> rows, string[] newSymbols, bool staging, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (newSymbols.Length > 0)
        {
            await using var register = new NpgsqlCommand(RegisterSymbolsSql, connection, transaction);
            register.Parameters.Add(new NpgsqlParameter { Value = newSymbols });
            await register.ExecuteNonQueryAsync(cancellationToken);
        }

        long written;
        if (staging)
        {
            await using (var create = new NpgsqlCommand(CreateStagingSql, connection, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await QuoteCopy.WriteAsync(connection, QuoteCopy.StagingTable, rows, options.Source, cancellationToken);
            await using var merge = new NpgsqlCommand(MergeStagingSql, connection, transaction);
            written = await merge.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            written = (long)await QuoteCopy.WriteAsync(connection, QuoteCopy.MarketPricesTable, rows, options.Source, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    // Repeats inside one batch would fail a COPY; PostgreSQL keeps microseconds, so keys compare at that resolution.
    private static IReadOnlyList<QuoteRow> WithoutRepeats(IReadOnlyList<QuoteRow> batch)
    {
        var seen = new HashSet<(string, long)>(batch.Count);
        List<QuoteRow>? unique = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var quote = batch[i].Quote;
            if (seen.Add((quote.Symbol, QuoteCopy.Microseconds(quote.Time))))
            {
                unique?.Add(batch[i]);
            }
            else if (unique is null)
            {
                unique = new List<QuoteRow>(batch.Count);
                for (var j = 0; j < i; j++)
                {
                    unique.Add(batch[j]);
                }
            }
        }

        return unique ?? batch;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Rows} quotes repeats stored keys ({Constraint}); merging it through staging")]
    private partial void LogFallingBackToStaging(int rows, string? constraint);
}
