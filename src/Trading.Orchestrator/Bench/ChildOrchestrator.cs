using System.Diagnostics;
using System.Globalization;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// A `trading run` child process, as an operator would start it, with its resource use read from /proc:
/// peak resident set (VmHWM) and CPU seconds (utime + stime).
/// </summary>
public sealed class ChildOrchestrator : IAsyncDisposable
{
    private readonly Process process;

    private ChildOrchestrator(Process process) => this.process = process;

    public int Id => process.Id;

    public static ChildOrchestrator Start(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(ChildOrchestrator).Assembly.Location);
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--connection");
        info.ArgumentList.Add(connectionString);
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start the orchestrator.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildOrchestrator(process);
    }

    /// <summary>Peak resident memory in MiB so far (Linux; 0 elsewhere).</summary>
    public decimal PeakRssMiB()
    {
        var path = $"/proc/{process.Id}/status";
        if (!File.Exists(path))
        {
            return 0m;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = line is null ? 0m : decimal.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return Math.Round(kib / 1024m, 1);
    }

    /// <summary>User plus system CPU seconds so far (Linux; 0 elsewhere).</summary>
    public decimal CpuSeconds()
    {
        var path = $"/proc/{process.Id}/stat";
        if (!File.Exists(path))
        {
            return 0m;
        }

        // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th there.
        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return Math.Round(ticks / 100m, 2);
    }

    /// <summary>SIGTERM and wait: the orchestrator finishes its batch in hand and exits.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }
}
