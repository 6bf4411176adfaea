using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.MarketData;
using Trading.Engine.MarketData;
using Trading.Engine.MarketData.Simulation;

namespace Trading.Orchestrator.Feeds.Benchmarks;

/// <summary>
/// Ingestion throughput on a scratch database: (a) one raw binary COPY into an indexed copy of market_prices, then the
/// ingestor into market_prices with (b) optimistic COPY (the default), (c) staging + ON CONFLICT, (d) a re-load of the
/// same rows (every one a duplicate), repeated in interleaved rounds. The quotes are simulated beforehand; only the
/// writes are timed.
/// </summary>
public sealed class IngestBenchmark(ScratchDatabase database, int rows, int batchSize, int concurrency, int repeats, ILoggerFactory loggers)
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<BenchmarkLine>> RunAsync(CancellationToken cancellationToken)
    {
        var lines = new List<BenchmarkLine>();
        var generate = Stopwatch.StartNew();
        var quotes = Generate(rows);
        generate.Stop();
        lines.Add(new BenchmarkLine("simulate (decimal GBM, in memory)", quotes.Length, 0, generate.Elapsed));

        await database.ExecuteAsync("CREATE TABLE bench_raw (LIKE market_prices INCLUDING ALL)", cancellationToken);
        await WarmUpAsync(quotes, cancellationToken);

        // Rounds interleave the modes, so that a burst of load elsewhere on the machine does not favour one of them.
        for (var round = 0; round < repeats; round++)
        {
            lines.Add(await RawAsync(quotes, cancellationToken));
            lines.Add(await IngestAsync("ingestor, optimistic COPY (default)", DuplicateHandling.Optimistic, quotes, truncate: true, cancellationToken));
            lines.Add(await IngestAsync("ingestor, staging + ON CONFLICT", DuplicateHandling.Staging, quotes, truncate: true, cancellationToken));
            lines.Add(await IngestAsync("ingestor, re-load (all duplicates)", DuplicateHandling.Optimistic, quotes, truncate: false, cancellationToken));
        }

        await database.ExecuteAsync("DROP TABLE bench_raw", cancellationToken);
        return lines;
    }

    private async Task<BenchmarkLine> RawAsync(QuoteRow[] quotes, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("TRUNCATE bench_raw", cancellationToken);
        await database.ExecuteAsync("CHECKPOINT", cancellationToken);
        var raw = Stopwatch.StartNew();
        ulong copied;
        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
        {
            copied = await QuoteCopy.WriteAsync(connection, "bench_raw", quotes, "bench", cancellationToken);
        }

        raw.Stop();
        return new BenchmarkLine("raw binary COPY, one statement", quotes.Length, (long)copied, raw.Elapsed);
    }

    // JIT and connection warm-up on a slice of the data, so the first measured mode is not penalised.
    private async Task WarmUpAsync(QuoteRow[] quotes, CancellationToken cancellationToken)
    {
        var slice = quotes.Take(Math.Min(quotes.Length, 20_000)).ToArray();
        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
        {
            await QuoteCopy.WriteAsync(connection, "bench_raw", slice, "bench", cancellationToken);
        }

        await IngestAsync("warm-up", DuplicateHandling.Staging, slice, truncate: true, cancellationToken);
        await IngestAsync("warm-up", DuplicateHandling.Optimistic, slice, truncate: false, cancellationToken);
        await database.ExecuteAsync("TRUNCATE bench_raw, market_prices", cancellationToken);
    }

    private async Task<BenchmarkLine> IngestAsync(
        string name, DuplicateHandling duplicates, QuoteRow[] quotes, bool truncate, CancellationToken cancellationToken)
    {
        if (truncate)
        {
            await database.ExecuteAsync("TRUNCATE market_prices", cancellationToken);
        }

        await database.ExecuteAsync("CHECKPOINT", cancellationToken);
        await using var ingestor = new QuoteIngestor(
            database.DataSource,
            new QuoteIngestorOptions { BatchSize = batchSize, MaxConcurrentBatches = concurrency, Duplicates = duplicates, Source = "bench" },
            TimeProvider.System,
            loggers.CreateLogger<QuoteIngestor>() ?? NullLogger<QuoteIngestor>.Instance);
        var stopwatch = Stopwatch.StartNew();
        var result = await ingestor.WriteAsync(quotes, cancellationToken);
        stopwatch.Stop();
        return new BenchmarkLine(name, result.Received, result.Written, stopwatch.Elapsed);
    }

    private static QuoteRow[] Generate(int count)
    {
        var simulator = new PriceSimulator(SimulationDefaults.Symbols, 42);
        var quotes = new QuoteRow[count];
        var step = new Quote[simulator.SymbolCount];
        var at = Start;
        for (var filled = 0; filled < count; at = at.AddSeconds(1))
        {
            simulator.Step(at, step);
            for (var i = 0; i < step.Length && filled < count; i++)
            {
                quotes[filled++] = new QuoteRow(step[i]);
            }
        }

        return quotes;
    }
}
