using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.MarketData;

/// <summary>
/// The one way quotes reach market_prices: batches of binary COPY, one transaction per batch, unknown symbols
/// registered in instruments first, duplicates of (symbol, time) skipped (see <see cref="DuplicateHandling"/>), and a
/// throttled NOTIFY market_prices after each committed batch. Up to MaxConcurrentBatches batches are written at once
/// on separate connections (the server, not the client, is the bottleneck of a COPY); each batch is sorted by key so
/// concurrent batches take index locks in the same order and cannot deadlock. Books and prints that rows carry go to
/// market_depth and market_trades in the same transaction (<see cref="DepthCopy"/>). Thread-safe.
/// </summary>
public sealed partial class QuoteIngestor : IAsyncDisposable
{
    /// <summary>The channel the orchestrator LISTENs on; the payload is the comma-separated symbols written.</summary>
    public const string Channel = NotificationThrottle.Channel;

    // After a conflict in optimistic mode, this many batches go through staging before COPY is tried again.
    private const int StagingBatchesAfterConflict = 8;

    private const string RegisterSymbolsSql = """
        INSERT INTO instruments (symbol) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING
        RETURNING symbol, tick_size, lot_size
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
        if (rows.Count <= options.BatchSize)
        {
            return await WriteBatchAsync(rows, cancellationToken);
        }

        using var slots = new SemaphoreSlim(options.MaxConcurrentBatches);
        var writes = new List<Task<IngestResult>>();
        for (var offset = 0; offset < rows.Count; offset += options.BatchSize)
        {
            var count = Math.Min(options.BatchSize, rows.Count - offset);
            var batch = rows is QuoteRow[] array
                ? new ArraySegment<QuoteRow>(array, offset, count)
                : (IReadOnlyList<QuoteRow>)rows.Skip(offset).Take(count).ToArray();
            await slots.WaitAsync(cancellationToken);
            writes.Add(InSlotAsync(slots, batch, null, cancellationToken));
        }

        return Sum(await Task.WhenAll(writes));
    }

    /// <summary>Streams rows in batches; <paramref name="progress"/> hears the running count of rows handled.</summary>
    public async Task<IngestResult> WriteAsync(
        IAsyncEnumerable<QuoteRow> rows, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var slots = new SemaphoreSlim(options.MaxConcurrentBatches);
        var writes = new List<Task<IngestResult>>();
        var counter = progress is null ? null : new ProgressCounter(progress);
        var buffer = new QuoteRow[options.BatchSize];
        var filled = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            buffer[filled++] = row;
            if (filled == buffer.Length)
            {
                await slots.WaitAsync(cancellationToken);
                writes.Add(InSlotAsync(slots, buffer, counter, cancellationToken));
                buffer = new QuoteRow[options.BatchSize];
                filled = 0;
            }
        }

        if (filled > 0)
        {
            await slots.WaitAsync(cancellationToken);
            writes.Add(InSlotAsync(slots, new ArraySegment<QuoteRow>(buffer, 0, filled), counter, cancellationToken));
        }

        return Sum(await Task.WhenAll(writes));
    }

    /// <summary>A writer of book levels and trade prints on this ingestor's database, batch size and source.</summary>
    public BookFileWriter BooksAndPrints() => new(dataSource, options.BatchSize, options.Source);

    /// <summary>Sends the pending notification now instead of at the end of the throttle interval.</summary>
    public Task FlushNotificationsAsync(CancellationToken cancellationToken) => notifier.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await notifier.DisposeAsync();
    }

    private static IngestResult Sum(IngestResult[] results) => results.Aggregate(default(IngestResult), (a, b) => a + b);

    private async Task<IngestResult> InSlotAsync(
        SemaphoreSlim slots, IReadOnlyList<QuoteRow> batch, ProgressCounter? counter, CancellationToken cancellationToken)
    {
        try
        {
            var result = await WriteBatchAsync(batch, cancellationToken);
            counter?.Add(result.Received);
            return result;
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<IngestResult> WriteBatchAsync(IReadOnlyList<QuoteRow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return default;
        }

        {
            var rows = BatchOrder.Sorted(batch, removeRepeats: options.Duplicates != DuplicateHandling.AssumeUnique);
            var symbols = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                symbols.Add(row.Quote.Symbol);
            }

            string[] newSymbols;
            lock (knownSymbols)
            {
                newSymbols = symbols.Where(s => !knownSymbols.Contains(s)).ToArray();
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            long written;
            var staging = options.Duplicates == DuplicateHandling.Staging || Volatile.Read(ref stagingBatchesLeft) > 0;
            if (staging)
            {
                written = await CommitAsync(connection, rows, newSymbols, staging: true, cancellationToken);
                if (Interlocked.Decrement(ref stagingBatchesLeft) < 0)
                {
                    Interlocked.Exchange(ref stagingBatchesLeft, 0);
                }
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
                    LogFallingBackToStaging(rows.Length, e.ConstraintName);
                    Interlocked.Exchange(ref stagingBatchesLeft, StagingBatchesAfterConflict);
                    written = await CommitAsync(connection, rows, newSymbols, staging: true, cancellationToken);
                }
            }

            lock (knownSymbols)
            {
                knownSymbols.UnionWith(newSymbols);
            }

            await notifier.OnCommittedAsync(symbols, connection, cancellationToken);
            return new IngestResult(batch.Count, written, 1);
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
            await using (var created = await register.ExecuteReaderAsync(cancellationToken))
            {
                while (await created.ReadAsync(cancellationToken))
                {
                    // The defaults fit no real market in general (a 0.01 tick on a coin quoted near 1): say so where
                    // the operator looks, rather than let fills round to settings nobody chose.
                    LogInstrumentCreatedWithDefaults(created.GetString(0), created.GetDecimal(1), created.GetDecimal(2));
                }
            }
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

        if (DepthCopy.AnyIn(rows))
        {
            await WriteDepthAsync(connection, transaction, rows, staging, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    // Books and prints go where their quotes go: straight in, or through staging when the quotes do (a repeated quote
    // brings its repeated book, which the merge then skips).
    private async Task WriteDepthAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<QuoteRow> rows, bool staging, CancellationToken cancellationToken)
    {
        if (staging)
        {
            await using var create = new NpgsqlCommand(DepthCopy.CreateStagingSql, connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await DepthCopy.WriteBooksAsync(connection, rows, options.Source, staging, cancellationToken);
        await DepthCopy.WriteTradesAsync(connection, rows, options.Source, staging, cancellationToken);
        if (staging)
        {
            await using var merge = new NpgsqlCommand(DepthCopy.MergeDepthSql + ";\n" + DepthCopy.MergeTradesSql, connection, transaction);
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "New instrument {Symbol} created with the default tick size {TickSize} and lot size {LotSize}; set its real ones: UPDATE instruments SET tick_size = ..., lot_size = ..., min_notional = ... WHERE symbol = '{Symbol}'")]
    private partial void LogInstrumentCreatedWithDefaults(string symbol, decimal tickSize, decimal lotSize);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Rows} quotes repeats stored keys ({Constraint}); merging it through staging")]
    private partial void LogFallingBackToStaging(int rows, string? constraint);
}
