using System.Diagnostics;
using System.Text;

namespace Trading.Orchestrator.Tests.Infrastructure;

/// <summary>The real `trading` executable in a child process, as an operator would run it.</summary>
public sealed class TradingProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder standardOutput = new();

    private TradingProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            AppendTo(standardOutput, e.Data);
        };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Stdout alone (<see cref="Output"/> merges stderr in): what a script piping `--json` would read.</summary>
    public string StandardOutput
    {
        get
        {
            lock (output)
            {
                return standardOutput.ToString();
            }
        }
    }

    /// <summary>Waits up to 30 s for a boolean SQL condition to hold; fails with the condition and this process's output.</summary>
    public async Task WaitForAsync(Trading.Testing.TestDatabase db, string condition)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.ScalarAsync<bool?>(condition) is not true)
        {
            Xunit.Assert.True(DateTime.UtcNow < deadline, $"not reached within 30 s: {condition}\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>`trading run` on an already migrated database, once it listens for decisions.</summary>
    public static async Task<TradingProcess> StartOrchestratorAsync(Trading.Testing.TestDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var process = Start(db.ConnectionString, new Dictionary<string, string> { ["Orchestrator__MigrateOnStart"] = "false" }, "run");
        await process.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
        return process;
    }

    public static TradingProcess Start(string connectionString, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "trading.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--connection");
        info.ArgumentList.Add(connectionString);
        info.Environment["Orchestrator__PollInterval"] = "00:00:00.200";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new TradingProcess(Process.Start(info) ?? throw new InvalidOperationException("Cannot start trading."));
    }

    /// <summary>Runs a command to completion; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] arguments)
    {
        using var run = Start(connectionString, null, arguments);
        return (await run.WaitForExitAsync(TimeSpan.FromMinutes(2)), run.Output);
    }

    /// <summary>Waits until `trading run` listens for decisions (its start-up is over).</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains("Listening for decisions", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"trading run did not start listening:\n{Output}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL: no chance to clean up, as in a crash or an OOM kill.</summary>
    public void Crash() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as docker stop or systemd would send, then waits for the exit.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void AppendTo(StringBuilder target, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                target.AppendLine(line);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
