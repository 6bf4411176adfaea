using Spectre.Console;

namespace Trading.Orchestrator.Feeds;

/// <summary>A progress bar on stderr for long loads (stdout stays the command's output); none when stderr is redirected.</summary>
public static class ConsoleProgress
{
    /// <summary>Spectre output bound to stderr: progress and status never mix into stdout (which --json keeps for JSON).</summary>
    public static IAnsiConsole Stderr { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static async Task<T> RunAsync<T>(string label, long total, bool enabled, Func<IProgress<long>?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!enabled || total <= 0 || Console.IsErrorRedirected)
        {
            return await work(null);
        }

        return await Stderr.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: total);
                return await work(new Reporter(task));
            });
    }

    private sealed class Reporter(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
