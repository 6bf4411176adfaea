using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Trading.Orchestrator.Bench;

/// <summary>pgbench's TPC-B-like run against a scratch database of the same server: the machine's transaction ceiling.</summary>
public static partial class PgBench
{
    private static readonly string[] Candidates = ["/usr/bin/pgbench", "/usr/local/bin/pgbench"];

    /// <summary>Transactions per second, or null when pgbench is not installed.</summary>
    public static async Task<decimal?> RunAsync(string connectionString, int clients, int seconds, CancellationToken cancellationToken)
    {
        var pgbench = Candidates.FirstOrDefault(File.Exists)
            ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).FirstOrDefault(File.Exists);
        if (pgbench is null)
        {
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await RunAsync(pgbench, builder, ["-i", "-q", "-s", "10"], cancellationToken);
        var output = await RunAsync(pgbench, builder,
            ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture)],
            cancellationToken);
        var match = Tps().Match(output);
        return match.Success ? Math.Round(decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), 0) : null;
    }

    private static async Task<string> RunAsync(string pgbench, NpgsqlConnectionStringBuilder target, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(target.Database!);
        info.Environment["PGHOST"] = target.Host;
        info.Environment["PGPORT"] = target.Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["PGUSER"] = target.Username;
        info.Environment["PGPASSWORD"] = target.Password;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await stdout + await stderr;
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"pgbench failed: {text}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}
