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
