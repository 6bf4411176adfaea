using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Feeds;
using Trading.Orchestrator.Feeds.Benchmarks;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading bench ...`: measurements printed, not asserted. Each creates a scratch database on the configured server
/// (or the embedded default) and drops it afterwards. Other benchmarks join this group as further subcommands.
/// </summary>
public static class BenchCommand
{
    private static readonly Option<string?> Rows = new("--rows") { Description = "Quotes to write (ingest, default 1,000,000) or to store (latest, default 10,000,000)." };
    private static readonly Option<string> Batch = new("--batch") { Description = "Rows per ingestion transaction.", DefaultValueFactory = _ => "10000" };
    private static readonly Option<string> Concurrency = new("--concurrency") { Description = "Batches the ingestor writes at once.", DefaultValueFactory = _ => "2" };
    private static readonly Option<string> Repeat = new("--repeat") { Description = "Interleaved rounds of every mode; the best and the median are printed.", DefaultValueFactory = _ => "3" };
    private static readonly Option<string> Instruments = new("--instruments") { Description = "Instruments the stored quotes spread over.", DefaultValueFactory = _ => "3" };
    private static readonly Option<string> Runs = new("--runs") { Description = "Timed reads of the view.", DefaultValueFactory = _ => "200" };
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

        var latest = new Command("latest", "Latency of SELECT * FROM v_latest_prices with many quotes stored.");
        latest.Options.Add(Rows);
        latest.Options.Add(Instruments);
        latest.Options.Add(Runs);
        latest.Options.Add(Keep);
        latest.SetAction((parse, cancellationToken) => LatestAsync(parse, configuration, loggers, cancellationToken));

        var bench = new Command("bench", "Benchmarks on a scratch database (figures printed).");
        bench.Subcommands.Add(ingest);
        bench.Subcommands.Add(latest);
        return bench;
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

    private static async Task<int> LatestAsync(ParseResult parse, IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        int rows, instruments, runs;
        try
        {
            rows = CliValues.Count("--rows", parse.GetValue(Rows) ?? "10000000", 1, 500_000_000);
            instruments = CliValues.Count("--instruments", parse.GetValue(Instruments)!, 3, 100_000);
            runs = CliValues.Count("--runs", parse.GetValue(Runs)!, 1, 100_000);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"bench latest: {e.Message}");
            return ExitCodes.BadArguments;
        }

        var json = parse.GetValue(CommonOptions.Json);
        await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
        await using var scratch = await ScratchDatabase.CreateAsync(database.DataSource, database.ConnectionString, loggers, cancellationToken);
        scratch.Keep = parse.GetValue(Keep);
        var figures = await ConsoleProgress.RunAsync("storing quotes", rows, !json,
            progress => new LatestBenchmark(scratch, rows, instruments, runs).RunAsync(progress, cancellationToken));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                database = database.Describe(),
                stored = figures.Stored,
                instruments = figures.Instruments,
                fillSeconds = figures.FillTime.TotalSeconds,
                runs,
                minMs = figures.Min.TotalMilliseconds,
                medianMs = figures.Median.TotalMilliseconds,
                p95Ms = figures.P95.TotalMilliseconds,
                maxMs = figures.Max.TotalMilliseconds,
            }));
            return ExitCodes.Success;
        }

        Console.WriteLine($"bench latest: {figures.Stored:N0} quotes over {figures.Instruments} instruments (stored in {figures.FillTime.TotalSeconds:N1} s), {database.Describe()}");
        Console.WriteLine(
            $"  SELECT * FROM v_latest_prices ({figures.RowsReturned} rows), {runs} runs: " +
            $"min {figures.Min.TotalMilliseconds:N3} ms, median {figures.Median.TotalMilliseconds:N3} ms, " +
            $"p95 {figures.P95.TotalMilliseconds:N3} ms, max {figures.Max.TotalMilliseconds:N3} ms");
        Console.WriteLine(figures.Plan);
        return ExitCodes.Success;
    }
}
