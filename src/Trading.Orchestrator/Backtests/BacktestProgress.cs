using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Trading.Orchestrator.Backtests;

/// <summary>A progress line on stderr with the events read and the events per second (stdout stays the command's output).</summary>
public static class BacktestProgress
{
    public static async Task<T> RunAsync<T>(string label, bool enabled, Func<IProgress<long>?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!enabled || Console.IsErrorRedirected)
        {
            return await work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label).IsIndeterminate();
                var result = await work(new Reporter(task, label));
                task.IsIndeterminate(false).Value(task.MaxValue);
                return result;
            });
    }

    private sealed class Reporter(ProgressTask task, string label) : IProgress<long>
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();

        public void Report(long value)
        {
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            task.Description = string.Create(CultureInfo.InvariantCulture, $"{label}: {value:N0} events, {value / seconds:N0} events/s");
        }
    }
}
