using System.CommandLine;
using Trading.Orchestrator.Backtests;
using Trading.Orchestrator.Cli;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// `trading bench backtest`: quote events per second of the backtest (a two-indicator strategy with resting brackets over
/// 10 symbols) on one thread, for two history lengths, with peak RSS: memory must not grow with the history.
/// </summary>
public static class BenchBacktestCommand
{
    private static readonly Option<string> Events = new("--events") { Description = "Quote events of the shorter run; the longer has four times as many.", DefaultValueFactory = _ => "5000000" };

    public static Command Create()
    {
        var command = new Command("backtest", "Backtest speed (quote events/s on one core) and peak memory for two history lengths; no database.");
        var output = BenchResults.Output("bench-results-backtest.json");
        command.Options.Add(Events);
        command.Options.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            long events;
            try
            {
                events = CliValues.Count("--events", parse.GetValue(Events)!, 1000, 1_000_000_000);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"bench backtest: {e.Message}");
                return ExitCodes.BadArguments;
            }

            var json = parse.GetValue(CommonOptions.Json);
            // A short pass first, so the timed ones run JIT-compiled code rather than measure the compiler.
            await Task.Run(() => BacktestBenchmark.Run(200_000), cancellationToken);
            var runs = new List<BacktestBenchmarkFigures>();
            foreach (var length in new[] { events, events * 4 })
            {
                runs.Add(await BacktestProgress.RunAsync($"backtest {length:N0} events", !json,
                    progress => Task.Run(() => BacktestBenchmark.Run(length, progress), cancellationToken)));
            }

            var results = runs.Select(r => new
            {
                events = r.Events,
                symbols = BacktestBenchmark.Symbols,
                eventsPerSecond = Math.Round(r.EventsPerSecond),
                seconds = r.Full.TotalSeconds,
                generationOnlyPerSecond = Math.Round(r.GenerationPerSecond),
                barsAndIndicatorsOnlyPerSecond = Math.Round(r.BarsOnlyPerSecond),
                bars = r.Summary.Bars,
                decisions = r.Summary.Decisions,
                fills = r.Summary.Fills,
                trades = r.Summary.Trades,
                engineCalls = r.Summary.EngineCalls,
                allocatedBytesPerEvent = r.AllocatedBytes / (double)r.Events,
                peakRssMiB = Math.Round(r.PeakWorkingSetBytes / 1048576.0, 1),
                heapAfterMiB = Math.Round(r.HeapBytesAfter / 1048576.0, 1),
                processors = Environment.ProcessorCount,
            }).ToList();
            var rows = runs.SelectMany(r => new (string, string)[]
            {
                ($"{r.Events:N0} events: quote events/s (one core)", $"{r.EventsPerSecond:N0} ({r.Full.TotalSeconds:N2} s)"),
                ($"{r.Events:N0} events: generating the quotes alone", $"{r.GenerationPerSecond:N0} events/s"),
                ($"{r.Events:N0} events: quotes, bars, indicators, no acting", $"{r.BarsOnlyPerSecond:N0} events/s"),
                ($"{r.Events:N0} events: bars / decisions / fills / trades / engine calls",
                    $"{r.Summary.Bars:N0} / {r.Summary.Decisions:N0} / {r.Summary.Fills:N0} / {r.Summary.Trades:N0} / {r.Summary.EngineCalls:N0}"),
                ($"{r.Events:N0} events: allocated per event, peak RSS", $"{r.AllocatedBytes / (double)r.Events:N0} B, {r.PeakWorkingSetBytes / 1048576.0:N0} MiB"),
            });
            await BenchResults.ReportAsync(parse, output, results, rows, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
