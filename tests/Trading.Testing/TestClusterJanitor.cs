using System.Diagnostics;

namespace Trading.Testing;

/// <summary>Stops and removes clusters left behind by test processes that were killed before they could clean up.</summary>
internal static class TestClusterJanitor
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
            if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), out var serverPid))
            {
                try
                {
                    Process.GetProcessById(serverPid).Kill();
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
