using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Feeds;
using Trading.Orchestrator.Feeds.Benchmarks;
using Trading.Orchestrator.Hosting;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// `trading bench ingest`: rows/s of raw binary COPY into an indexed copy of market_prices versus the ingestion path
/// (optimistic COPY, staging + ON CONFLICT, an all-duplicate re-load), on a scratch database dropped afterwards.
/// </summary>
public static class BenchIngestCommand
{
    private static readonly Option<string?> Rows = new("--rows") { Description = "Quotes to write (default 1,000,000)." };
    private static readonly Option<string> Batch = new("--batch") { Description = "Rows per ingestion transaction.", DefaultValueFactory = _ => "10000" };
    private static readonly Option<string> Concurrency = new("--concurrency") { Description = "Batches the ingestor writes at once.", DefaultValueFactory = _ => "2" };
    private static readonly Option<string> Repeat = new("--repeat") { Description = "Interleaved rounds of every mode; the best and the median are printed.", DefaultValueFactory = _ => "3" };
    private static readonly Option<bool> Keep = new("--keep") { Description = "Keep the scratch database for inspection." };

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var ingest = new Command("ingest", "Rows/s of raw binary COPY versus the ingestion path (optimistic, staging, all-duplicate re-load).");
        ingest.Options.Add(Rows);
        ingest.Options.Add(Batch);
        ingest.Options.Add(Concurrency);
        ingest.Options.Add(Repeat);
        ingest.Options.Add(Keep);
        ingest.SetAction((parse, cancellationToken) => IngestAsync(parse, configuration, loggers, cancellationToken));
        return ingest;
    }

    private static async Task<int> IngestAsync(ParseResult parse, IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        int rows, batch, concurrency, repeats;
        try
        {
            rows = CliValues.Count("--rows", parse.GetValue(Rows) ?? "1000000", 1, 50_000_000);
            batch = CliValues.Count("--batch", parse.GetValue(Batch)!, 1, 1_000_000);
            concurrency = CliValues.Count("--concurrency", parse.GetValue(Concurrency)!, 1, 64);
            repeats = CliValues.Count("--repeat", parse.GetValue(Repeat)!, 1, 100);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"bench ingest: {e.Message}");
            return ExitCodes.BadArguments;
        }

        await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
        await using var scratch = await ScratchDatabase.CreateAsync(database.DataSource, database.ConnectionString, loggers, cancellationToken);
        scratch.Keep = parse.GetValue(Keep);
        var lines = await new IngestBenchmark(scratch, rows, batch, concurrency, repeats, loggers).RunAsync(cancellationToken);
        var modes = lines.GroupBy(l => l.Name)
            .Select(g =>
            {
                var sorted = g.OrderByDescending(l => l.RowsPerSecond).ToList();
                return (Name: g.Key, Best: sorted[0], Median: sorted[sorted.Count / 2], Runs: sorted.Count);
            })
            .ToList();
        var raw = modes.Single(m => m.Name.StartsWith("raw", StringComparison.Ordinal));
        if (parse.GetValue(CommonOptions.Json))
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                database = database.Describe(),
                rows,
                batch,
                concurrency,
                repeats,
                processors = Environment.ProcessorCount,
                results = modes.Select(m => new
                {
                    name = m.Name,
                    written = m.Best.Written,
                    bestRowsPerSecond = m.Best.RowsPerSecond,
                    medianRowsPerSecond = m.Median.RowsPerSecond,
                    medianSeconds = m.Median.Elapsed.TotalSeconds,
                }),
            }));
            return ExitCodes.Success;
        }

        Console.WriteLine(
            $"bench ingest: {rows:N0} quotes, batches of {batch:N0} ({concurrency} at once), {repeats} rounds, " +
            $"{Environment.ProcessorCount} cores, {database.Describe()} (scratch {scratch.Name})");
        Console.WriteLine($"  {"mode",-38} {"median rows/s",14} {"best rows/s",12}  {"written",10}  median vs raw");
        foreach (var mode in modes)
        {
            var ratio = mode.Name.StartsWith("simulate", StringComparison.Ordinal)
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $"{mode.Median.RowsPerSecond / raw.Median.RowsPerSecond:0.00}x");
            Console.WriteLine($"  {mode.Name,-38} {mode.Median.RowsPerSecond,14:N0} {mode.Best.RowsPerSecond,12:N0}  {mode.Best.Written,10:N0}  {ratio}");
        }

        return ExitCodes.Success;
    }
}
