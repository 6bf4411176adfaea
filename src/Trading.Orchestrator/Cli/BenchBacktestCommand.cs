using System.CommandLine;
using System.Text.Json;
using Trading.Orchestrator.Backtests;
using Trading.Orchestrator.Bench;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Cli;

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
        command.Options.Add(Events);
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

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(runs.Select(r => new
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
                    peakRssMiB = r.PeakWorkingSetBytes / 1048576.0,
                    heapAfterMiB = r.HeapBytesAfter / 1048576.0,
                    processors = Environment.ProcessorCount,
                })));
                return ExitCodes.Success;
            }

            foreach (var r in runs)
            {
                Console.WriteLine(
                    $"bench backtest: {r.Events:N0} quote events, {BacktestBenchmark.Symbols} symbols, EMA 12/26 cross with 1 %/2 % brackets: " +
                    $"{r.EventsPerSecond:N0} events/s ({r.Full.TotalSeconds:N2} s); {r.Summary.Bars:N0} bars, {r.Summary.Decisions:N0} decisions, " +
                    $"{r.Summary.Fills:N0} fills, {r.Summary.Trades:N0} trades, {r.Summary.EngineCalls:N0} engine calls");
                Console.WriteLine(
                    $"  where the time goes: generating the quotes alone {r.GenerationPerSecond:N0} events/s, quotes+bars+indicators without " +
                    $"acting {r.BarsOnlyPerSecond:N0} events/s; {r.AllocatedBytes / (double)r.Events:N0} bytes allocated per event; " +
                    $"peak RSS {r.PeakWorkingSetBytes / 1048576.0:N0} MiB, heap after {r.HeapBytesAfter / 1048576.0:N1} MiB");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
