using Npgsql;

namespace Trading.Data.MarketData;

/// <summary>
/// Writes book levels into market_depth and trade prints into market_trades for a replayed file: batches of binary COPY
/// into the staging tables, merged with ON CONFLICT DO NOTHING, one transaction per batch, so a file loaded twice
/// stores its rows once (the keys are (symbol, time, side, level) and (symbol, time, trade_id)). Sequential: a file's
/// batches commit in its order. Market data without a quote wakes no worker, so no NOTIFY is sent.
/// </summary>
public sealed class BookFileWriter
{
    private readonly NpgsqlDataSource dataSource;
    private readonly int batchSize;
    private readonly string? source;

    public BookFileWriter(NpgsqlDataSource dataSource, int batchSize, string? source)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.dataSource = dataSource;
        this.batchSize = batchSize;
        this.source = source;
    }

    public Task<IngestResult> WriteDepthAsync(IAsyncEnumerable<DepthLevelRow> rows, IProgress<long>? progress, CancellationToken cancellationToken) =>
        WriteAsync(rows, DepthCopy.CopyDepthStaging, DepthCopy.MergeDepthSql, DepthCopy.WriteLevelAsync, progress, cancellationToken);

    public Task<IngestResult> WriteTradesAsync(IAsyncEnumerable<TradePrintRow> rows, IProgress<long>? progress, CancellationToken cancellationToken) =>
        WriteAsync(rows, DepthCopy.CopyTradesStaging, DepthCopy.MergeTradesSql,
            (importer, row, rowSource, token) => DepthCopy.WriteTradeAsync(importer, row.Symbol, row.Trade, rowSource, token), progress, cancellationToken);

    private async Task<IngestResult> WriteAsync<T>(
        IAsyncEnumerable<T> rows, string copySql, string mergeSql, Func<NpgsqlBinaryImporter, T, string?, CancellationToken, Task> writeRow,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = default(IngestResult);
        var batch = new List<T>(batchSize);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == batchSize)
            {
                result += await CommitAsync(batch, copySql, mergeSql, writeRow, cancellationToken);
                progress?.Report(result.Received);
            }
        }

        if (batch.Count > 0)
        {
            result += await CommitAsync(batch, copySql, mergeSql, writeRow, cancellationToken);
            progress?.Report(result.Received);
        }

        return result;
    }

    private async Task<IngestResult> CommitAsync<T>(
        List<T> batch, string copySql, string mergeSql, Func<NpgsqlBinaryImporter, T, string?, CancellationToken, Task> writeRow,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(DepthCopy.CreateStagingSql, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(copySql, cancellationToken))
        {
            foreach (var row in batch)
            {
                await writeRow(importer, row, source, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        long written;
        await using (var merge = new NpgsqlCommand(mergeSql, connection, transaction))
        {
            written = await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var result = new IngestResult(batch.Count, written, 1);
        batch.Clear();
        return result;
    }
}
