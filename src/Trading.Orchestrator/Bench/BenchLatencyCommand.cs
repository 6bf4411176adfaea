using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Hosting;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Bench;

/// <summary>`trading bench latency`: INSERT → executed latency under a steady offered load.</summary>
public static class BenchLatencyCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var rate = new Option<int>("--rate") { Description = "Decisions per second offered, in total.", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "Measured duration.", DefaultValueFactory = _ => 60 };
        var clients = new Option<int>("--clients") { Description = "Concurrent inserting clients.", DefaultValueFactory = _ => 4 };
        var accounts = new Option<int>("--accounts") { Description = "Accounts the load is spread over.", DefaultValueFactory = _ => 10 };
        var workers = new Option<int>("--workers") { Description = "Execution loops of the orchestrator.", DefaultValueFactory = _ => 3 };
        var output = BenchResults.Output("bench-results-latency.json");
        var command = new Command("latency", "Measure INSERT → executed latency (database clock) at a steady offered load against a `trading run` child (fresh database, dropped after).")
        {
            rate, seconds, clients, accounts, workers, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(rate) is < 1 or > 100_000 || parse.GetValue(seconds) < 1 || parse.GetValue(clients) < 1 || parse.GetValue(accounts) < 1)
            {
                await Console.Error.WriteLineAsync("bench latency: --rate (1..100000), --seconds, --clients and --accounts must be positive.");
                return ExitCodes.BadArguments;
            }

            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
            // A fresh database, dropped after: rows left by earlier runs would slow this one (and the figures drift run to run).
            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            await using var scratch = await BenchDatabase.CreateAsync(database.ConnectionString, $"bench_latency_{stamp}", migrate: true, cancellationToken);
            var settings = new LatencyBenchmark.Settings(parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(seconds)),
                parse.GetValue(clients), parse.GetValue(accounts), parse.GetValue(workers));
            var result = await new LatencyBenchmark(scratch.DataSource, scratch.ConnectionString).RunAsync(settings, cancellationToken);

            await BenchResults.ReportAsync(parse, output, result,
            [
                ("offered load", $"{result.Rate}/s for {result.Seconds} s from {result.Clients} clients"),
                ("decisions (executed)", $"{result.Decisions} ({result.Executed})"),
                ("latency p50 / p95 / p99 / max", $"{result.P50Ms} / {result.P95Ms} / {result.P99Ms} / {result.MaxMs} ms"),
                ("orchestrator peak RSS", $"{result.OrchestratorPeakRssMiB} MiB"),
                ("orchestrator CPU", $"{result.OrchestratorCpuSeconds} s"),
            ], cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
