using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Trading.Data.MarketData;
using Trading.Engine.MarketData;
using Trading.Testing;

namespace Trading.Data.Tests.MarketData;

public sealed class QuoteIngestorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private QuoteIngestor Ingestor(DuplicateHandling duplicates, int batchSize = 1_000, TimeSpan? notifyInterval = null) =>
        new(fixture.Database.DataSource,
            new QuoteIngestorOptions { Duplicates = duplicates, BatchSize = batchSize, NotifyInterval = notifyInterval ?? TimeSpan.Zero, Source = "test" },
            TimeProvider.System, NullLogger<QuoteIngestor>.Instance);

    private static QuoteRow Row(string symbol, int second, decimal bid = 100m, decimal? volume = null) =>
        new(new Quote(symbol, T0.AddSeconds(second), bid, bid + 0.02m, bid + 0.01m, 1.5m, 2.5m), volume);

    [Fact]
    public async Task WriteAsync_NewQuotes_StoresEveryColumn()
    {
        await using var ingestor = Ingestor(DuplicateHandling.Optimistic);

        var result = await ingestor.WriteAsync([Row("WRITE/USDT", 0, 101.25m, 7.5m)], CancellationToken.None);

        Assert.Equal(new IngestResult(1, 1, 1), result);
        var rows = await fixture.Database.QueryAsync("SELECT * FROM market_prices WHERE symbol = 'WRITE/USDT'");
        var row = Assert.Single(rows);
        Assert.Equal(T0.UtcDateTime, (DateTime)row["time"]!);
        Assert.Equal(101.25m, row["bid"]);
        Assert.Equal(101.27m, row["ask"]);
        Assert.Equal(101.26m, row["last"]);
        Assert.Equal(1.5m, row["bid_size"]);
        Assert.Equal(2.5m, row["ask_size"]);
        Assert.Equal(7.5m, row["volume"]);
        Assert.Equal("test", row["source"]);
    }

    [Fact]
    public async Task WriteAsync_UnknownSymbol_RegistersInstrumentWithDefaultTick()
    {
        await using var ingestor = Ingestor(DuplicateHandling.Optimistic);

        await ingestor.WriteAsync([Row("NEWCOIN/USDT", 0)], CancellationToken.None);

        Assert.Equal(0.01m, await fixture.Database.ScalarAsync<decimal>("SELECT tick_size FROM instruments WHERE symbol = 'NEWCOIN/USDT'"));
    }

    [Fact]
    public async Task WriteAsync_UnknownSymbol_WarnsThatTheDefaultsWereUsedOnce()
    {
        var logger = new WarningLog();
        await using var ingestor = new QuoteIngestor(fixture.Database.DataSource,
            new QuoteIngestorOptions { Duplicates = DuplicateHandling.Optimistic, NotifyInterval = TimeSpan.Zero, Source = "test" },
            TimeProvider.System, logger);

        await ingestor.WriteAsync([Row("WARNCOIN/USDT", 0), Row("BTC/USDT", 0)], CancellationToken.None);
        await ingestor.WriteAsync([Row("WARNCOIN/USDT", 1)], CancellationToken.None);

        var warning = Assert.Single(logger.Messages);
        Assert.Contains("New instrument WARNCOIN/USDT created with the default tick size 0.01", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DuplicateHandling.Optimistic)]
    [InlineData(DuplicateHandling.Staging)]
    public async Task WriteAsync_DuplicatesInInputAndStored_WritesEachKeyOnce(DuplicateHandling duplicates)
    {
        var symbol = $"DUP{(int)duplicates}/USDT";
        await using var ingestor = Ingestor(duplicates, batchSize: 4);
        await ingestor.WriteAsync([Row(symbol, 0, 100m), Row(symbol, 1, 100m)], CancellationToken.None);

        // Seconds 0 and 1 are stored already; 2 repeats inside the input; the first value of a key wins.
        var result = await ingestor.WriteAsync(
            [Row(symbol, 0, 200m), Row(symbol, 2, 102m), Row(symbol, 2, 202m), Row(symbol, 1, 201m), Row(symbol, 3, 103m), Row(symbol, 4, 104m)],
            CancellationToken.None);

        Assert.Equal(6, result.Received);
        Assert.Equal(3, result.Written);
        Assert.Equal(3, result.Duplicates);
        var bids = await fixture.Database.QueryAsync("SELECT bid FROM market_prices WHERE symbol = $1 ORDER BY time", symbol);
        Assert.Equal([100m, 100m, 102m, 103m, 104m], bids.Select(r => (decimal)r["bid"]!));
    }

    [Fact]
    public async Task WriteAsync_AssumeUniqueWithStoredKey_FailsTheBatch()
    {
        await using var ingestor = Ingestor(DuplicateHandling.AssumeUnique);
        await ingestor.WriteAsync([Row("UNIQ/USDT", 0)], CancellationToken.None);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ingestor.WriteAsync([Row("UNIQ/USDT", 0)], CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task WriteAsync_StreamLargerThanBatch_CommitsSeveralBatchesAndReportsProgress()
    {
        await using var ingestor = Ingestor(DuplicateHandling.Optimistic, batchSize: 100);
        var reported = new List<long>();

        var result = await ingestor.WriteAsync(Rows(250), new SynchronousProgress(reported), CancellationToken.None);

        Assert.Equal(new IngestResult(250, 250, 3), result);
        // Two batches run at once, so the running totals may arrive in any order; the last total is all rows.
        Assert.Equal(3, reported.Count);
        Assert.Equal(250L, reported.Max());
        Assert.Equal(250L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'STREAM/USDT'"));

        static async IAsyncEnumerable<QuoteRow> Rows(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return Row("STREAM/USDT", i);
            }

            await Task.CompletedTask;
        }
    }

    [Fact]
    public async Task WriteAsync_CommittedBatch_NotifiesSymbols()
    {
        var (listener, payloads) = await ListenAsync();
        await using var _ = listener;

        await using var ingestor = Ingestor(DuplicateHandling.Optimistic);
        await ingestor.WriteAsync([Row("NOTB/USDT", 0), Row("NOTA/USDT", 0)], CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (payloads.Count < 1 && DateTime.UtcNow < deadline)
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal(["NOTA/USDT,NOTB/USDT"], payloads);
    }

    [Fact]
    public async Task PlainInsert_AnyClient_WakesListenersOnTheQuotesChannel()
    {
        await using var listener = await fixture.Database.DataSource.OpenConnectionAsync();
        var received = 0;
        listener.Notification += (_, e) => received += e.Channel == "market_prices" ? 1 : 0;
        await using (var listen = new NpgsqlCommand("LISTEN market_prices", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await fixture.Database.ExecuteAsync(
            "INSERT INTO market_prices (time, symbol, bid, ask) SELECT now() + g * interval '1 ms', 'BTC/USDT', 99, 101 FROM generate_series(1, 3) g");

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, received);
    }

    /// <summary>A LISTEN connection collecting the ingestor's payloads (the schema trigger's empty wake-ups left out).</summary>
    private async Task<(NpgsqlConnection Listener, List<string> Payloads)> ListenAsync()
    {
        var listener = await fixture.Database.DataSource.OpenConnectionAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) =>
        {
            if (e.Payload.Length > 0)
            {
                payloads.Add(e.Payload);
            }
        };
        await using var listen = new NpgsqlCommand("LISTEN market_prices", listener);
        await listen.ExecuteNonQueryAsync();
        return (listener, payloads);
    }

    [Fact]
    public async Task WriteAsync_BurstInsideInterval_ThrottlesAndSendsTrailingNotification()
    {
        var (listener, payloads) = await ListenAsync();
        await using var _ = listener;

        await using var ingestor = Ingestor(DuplicateHandling.Optimistic, notifyInterval: TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 5; i++)
        {
            await ingestor.WriteAsync([Row(i < 2 ? "BURSTA/USDT" : "BURSTB/USDT", i)], CancellationToken.None);
        }

        // The first batch notifies at once; the other four fold into one trailing notification.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (payloads.Count < 2 && DateTime.UtcNow < deadline)
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(700)))
        {
        }

        Assert.Equal(["BURSTA/USDT", "BURSTA/USDT,BURSTB/USDT"], payloads);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentBatchesWithOverlappingKeys_WritesEachKeyOnce()
    {
        await using var ingestor = Ingestor(DuplicateHandling.Optimistic, batchSize: 50);
        // 2,000 rows over 1,000 keys (two symbols × 500 seconds), each key in two batches, in reverse order every other block.
        var rows = Enumerable.Range(0, 2_000)
            .Select(i => Row(i % 2 == 0 ? "OVERA/USDT" : "OVERB/USDT", (i / 200 % 2 == 0 ? i : 1_999 - i) % 1_000 / 2))
            .ToArray();
        Assert.Equal(1_000, rows.Select(r => (r.Quote.Symbol, r.Quote.Time)).Distinct().Count());

        var result = await ingestor.WriteAsync(rows, CancellationToken.None);

        Assert.Equal(2_000, result.Received);
        Assert.Equal(1_000, result.Written);
        Assert.Equal(1_000L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol IN ('OVERA/USDT', 'OVERB/USDT')"));
    }

    private sealed class SynchronousProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }

    /// <summary>Keeps the warnings a component logs.</summary>
    private sealed class WarningLog : Microsoft.Extensions.Logging.ILogger<QuoteIngestor>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Messages.Add(formatter(state, exception));
            }
        }
    }
}
