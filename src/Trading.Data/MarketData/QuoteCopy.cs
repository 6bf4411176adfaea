using Npgsql;
using NpgsqlTypes;

namespace Trading.Data.MarketData;

/// <summary>Binary COPY of quote rows into market_prices or a table of the same layout.</summary>
public static class QuoteCopy
{
    public const string MarketPricesTable = "market_prices";

    public const string StagingTable = "market_prices_staging";

    private const string CopyMarketPrices = """
        COPY market_prices (time, symbol, bid, ask, last, bid_size, ask_size, volume, source) FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyStaging = """
        COPY market_prices_staging (time, symbol, bid, ask, last, bid_size, ask_size, volume, source) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>The time as PostgreSQL stores it: whole microseconds since 0001-01-01 UTC (sub-microsecond truncated).</summary>
    public static long Microseconds(DateTimeOffset time) => time.UtcTicks / 10;

    /// <summary>The time as binary COPY writes it to a timestamptz: UTC, truncated to the microsecond.</summary>
    public static DateTime StoredTime(DateTimeOffset time) => new(Microseconds(time) * 10, DateTimeKind.Utc);

    /// <summary>
    /// Copies rows into <paramref name="table"/>: <see cref="MarketPricesTable"/>, <see cref="StagingTable"/>, or
    /// another table created LIKE market_prices (the benchmark's); the name is a fixed identifier, never user input.
    /// </summary>
    public static async Task<ulong> WriteAsync(
        NpgsqlConnection connection, string table, IReadOnlyList<QuoteRow> rows, string? source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        var sql = table switch
        {
            MarketPricesTable => CopyMarketPrices,
            StagingTable => CopyStaging,
            _ when IsPlainIdentifier(table) => $"COPY {table} (time, symbol, bid, ask, last, bid_size, ask_size, volume, source) FROM STDIN (FORMAT BINARY)",
            _ => throw new ArgumentException($"'{table}' is not a plain table name.", nameof(table)),
        };

        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        foreach (var row in rows)
        {
            var quote = row.Quote;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(StoredTime(quote.Time), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(quote.Symbol, NpgsqlDbType.Text, cancellationToken);
            await WriteNumericAsync(importer, quote.Bid, cancellationToken);
            await WriteNumericAsync(importer, quote.Ask, cancellationToken);
            await WriteNumericAsync(importer, quote.Last, cancellationToken);
            await WriteNumericAsync(importer, quote.BidSize, cancellationToken);
            await WriteNumericAsync(importer, quote.AskSize, cancellationToken);
            await WriteNumericAsync(importer, row.Volume, cancellationToken);
            await WriteTextAsync(importer, source, cancellationToken);
        }

        return await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNumericAsync(NpgsqlBinaryImporter importer, decimal? value, CancellationToken cancellationToken) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Numeric, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    internal static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static bool IsPlainIdentifier(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && !char.IsDigit(name[0]);
}
