using Npgsql;
using NpgsqlTypes;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;

namespace Trading.Data.MarketData;

/// <summary>
/// Binary COPY of the books and prints that quote rows carry into market_depth and market_trades (0022), or into their
/// staging tables; the quote ingestor calls it inside the batch's transaction, after the quotes.
/// </summary>
internal static class DepthCopy
{
    public const string CreateStagingSql = """
        CREATE TEMP TABLE IF NOT EXISTS market_depth_staging (LIKE market_depth INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS market_trades_staging (LIKE market_trades INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
        """;

    public const string MergeDepthSql = """
        INSERT INTO market_depth (time, symbol, side, level, price, size, source)
        SELECT time, symbol, side, level, price, size, source FROM market_depth_staging
        ON CONFLICT (symbol, time, side, level) DO NOTHING
        """;

    public const string MergeTradesSql = """
        INSERT INTO market_trades (time, symbol, trade_id, price, size, aggressor, source)
        SELECT time, symbol, trade_id, price, size, aggressor, source FROM market_trades_staging
        ON CONFLICT (symbol, time, trade_id) DO NOTHING
        """;

    private const string CopyDepth = "COPY market_depth (time, symbol, side, level, price, size, source) FROM STDIN (FORMAT BINARY)";

    internal const string CopyDepthStaging = "COPY market_depth_staging (time, symbol, side, level, price, size, source) FROM STDIN (FORMAT BINARY)";

    private const string CopyTrades = "COPY market_trades (time, symbol, trade_id, price, size, aggressor, source) FROM STDIN (FORMAT BINARY)";

    internal const string CopyTradesStaging = "COPY market_trades_staging (time, symbol, trade_id, price, size, aggressor, source) FROM STDIN (FORMAT BINARY)";

    public static bool AnyIn(IReadOnlyList<QuoteRow> rows) => rows.Any(r => r.Book is not null || r.Trades is { Count: > 0 });

    /// <summary>Copies every row's book, level 0 the touch; returns the levels written.</summary>
    public static async Task<ulong> WriteBooksAsync(
        NpgsqlConnection connection, IReadOnlyList<QuoteRow> rows, string? source, bool staging, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(staging ? CopyDepthStaging : CopyDepth, cancellationToken);
        foreach (var row in rows)
        {
            if (row.Book is not { } book)
            {
                continue;
            }

            if (!string.Equals(book.Symbol, row.Quote.Symbol, StringComparison.Ordinal) || book.Time != row.Quote.Time)
            {
                throw new ArgumentException(
                    $"A quote row carries the book of {book.Symbol} at {book.Time:O}, not of its quote ({row.Quote.Symbol} at {row.Quote.Time:O}).",
                    nameof(rows));
            }

            // Key order (symbol, time, side, level), as the quotes are written: 'ask' sorts before 'bid'.
            await WriteSideAsync(importer, row, BookSide.Ask, book.Asks, source, cancellationToken);
            await WriteSideAsync(importer, row, BookSide.Bid, book.Bids, source, cancellationToken);
        }

        return await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Copies every row's prints under the row's symbol; returns the prints written.</summary>
    public static async Task<ulong> WriteTradesAsync(
        NpgsqlConnection connection, IReadOnlyList<QuoteRow> rows, string? source, bool staging, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(staging ? CopyTradesStaging : CopyTrades, cancellationToken);
        foreach (var row in rows)
        {
            foreach (var trade in row.Trades ?? [])
            {
                await WriteTradeAsync(importer, row.Quote.Symbol, trade, source, cancellationToken);
            }
        }

        return await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteSideAsync(
        NpgsqlBinaryImporter importer, QuoteRow row, BookSide side, IReadOnlyList<Engine.Liquidity.BookLevel> levels, string? source,
        CancellationToken cancellationToken)
    {
        for (var level = 0; level < levels.Count; level++)
        {
            await WriteLevelAsync(importer, new DepthLevelRow(row.Quote.Time, row.Quote.Symbol, side, level, levels[level].Price, levels[level].Size), source, cancellationToken);
        }
    }

    /// <summary>One row of market_depth (or its staging table), in the column order of the COPY statements above.</summary>
    internal static async Task WriteLevelAsync(NpgsqlBinaryImporter importer, DepthLevelRow row, string? source, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(QuoteCopy.StoredTime(row.Time), NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(row.Symbol, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(row.Side == BookSide.Bid ? "bid" : "ask", NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync((short)row.Level, NpgsqlDbType.Smallint, cancellationToken);
        await importer.WriteAsync(row.Price, NpgsqlDbType.Numeric, cancellationToken);
        await importer.WriteAsync(row.Size, NpgsqlDbType.Numeric, cancellationToken);
        await QuoteCopy.WriteTextAsync(importer, source, cancellationToken);
    }

    /// <summary>One row of market_trades (or its staging table), in the column order of the COPY statements above.</summary>
    internal static async Task WriteTradeAsync(NpgsqlBinaryImporter importer, string symbol, VenueTrade trade, string? source, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(QuoteCopy.StoredTime(trade.Print.Time), NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(symbol, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(trade.TradeId, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(trade.Print.Price, NpgsqlDbType.Numeric, cancellationToken);
        await importer.WriteAsync(trade.Print.Size, NpgsqlDbType.Numeric, cancellationToken);
        await QuoteCopy.WriteTextAsync(importer, trade.Print.Aggressor switch
        {
            OrderSide.Buy => "buy",
            OrderSide.Sell => "sell",
            _ => null,
        }, cancellationToken);
        await QuoteCopy.WriteTextAsync(importer, source, cancellationToken);
    }
}
