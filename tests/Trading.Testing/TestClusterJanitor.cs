using System.Diagnostics;

namespace Trading.Testing;

/// <summary>Stops and removes clusters left behind by test processes that were killed before they could clean up.</summary>
public static class TestClusterJanitor
{
    public const string Prefix = "trading-tests-";

    public static void RemoveAbandonedClusters()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(directory)[Prefix.Length..], out var pid) || IsAlive(pid))
            {
                continue;
            }

            var postmaster = Path.Combine(directory, "pgdata", "postmaster.pid");
            if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), out var serverPid)
                && IsPostgresOf(serverPid, Path.Combine(directory, "pgdata")))
            {
                try
                {
                    using var server = Process.GetProcessById(serverPid);
                    server.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }

            TryDelete(directory);
        }
    }

    /// <summary>
    /// Removes <paramref name="directory"/> once this process has exited, however it exits. The test host's own exit
    /// handler stops the server, but the runner may end the host before its folder (some 60-100 MB) is deleted, and a
    /// killed host runs no handler at all; a detached watcher (its own session, so no process-tree kill reaches it) waits
    /// for this pid to go, stops a postgres still running in the folder, and deletes it.
    /// </summary>
    public static void RemoveWhenThisProcessExits(string directory)
    {
        if (!File.Exists("/usr/bin/setsid"))
        {
            return;
        }

        const string Script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 0.5; done
            pid=$(head -n 1 "$2/pgdata/postmaster.pid")
            if [ -n "$pid" ] && [ "$(cat /proc/$pid/comm)" = postgres ] && [ "$(readlink /proc/$pid/cwd)" = "$2/pgdata" ]; then
                kill -QUIT "$pid"
                for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do kill -0 "$pid" || break; sleep 0.5; done
            fi
            rm -rf "$2"
            """;
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            ArgumentList = { "-f", "/bin/sh", "-c", Script, "trading-tests-janitor", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetFullPath(directory) },
            UseShellExecute = false,
            // Pipes of its own, which the script closes at once: inheriting the host's would keep the runner's open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watcher = Process.Start(start);
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the next run's janitor tries again.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    /// <summary>
    /// A stale postmaster.pid may name a pid the system has since given to an unrelated process (on a shared machine,
    /// someone else's). PostgreSQL's postmaster runs with its data folder as working directory, so only a process named
    /// postgres whose working directory is this very folder is ours to kill.
    /// </summary>
    public static bool IsPostgresOf(int pid, string dataDirectory)
    {
        try
        {
            var name = File.ReadAllText($"/proc/{pid}/comm").Trim();
            var workingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            var ours = new DirectoryInfo(dataDirectory).ResolveLinkTarget(returnFinalTarget: true)?.FullName
                ?? Path.GetFullPath(dataDirectory);
            return name is "postgres" or "postmaster"
                && string.Equals(workingDirectory?.TrimEnd('/'), ours.TrimEnd('/'), StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
