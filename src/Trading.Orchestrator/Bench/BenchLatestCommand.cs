using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Feeds;
using Trading.Orchestrator.Feeds.Benchmarks;
using Trading.Orchestrator.Hosting;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Bench;

/// <summary>`trading bench latest`: latency of SELECT * FROM v_latest_prices with many quotes stored (scratch database).</summary>
public static class BenchLatestCommand
{
    private static readonly Option<string?> Rows = new("--rows") { Description = "Quotes to store (default 10,000,000)." };
    private static readonly Option<string> Instruments = new("--instruments") { Description = "Instruments the stored quotes spread over.", DefaultValueFactory = _ => "3" };
    private static readonly Option<string> Runs = new("--runs") { Description = "Timed reads of the view.", DefaultValueFactory = _ => "200" };
    private static readonly Option<bool> Keep = new("--keep") { Description = "Keep the scratch database for inspection." };

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var latest = new Command("latest", "Latency of SELECT * FROM v_latest_prices with many quotes stored.");
        latest.Options.Add(Rows);
        latest.Options.Add(Instruments);
        latest.Options.Add(Runs);
        latest.Options.Add(Keep);
        latest.SetAction((parse, cancellationToken) => LatestAsync(parse, configuration, loggers, cancellationToken));
        return latest;
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
