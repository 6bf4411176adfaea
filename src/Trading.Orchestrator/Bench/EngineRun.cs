using System.Diagnostics;
using Spectre.Console;

namespace Trading.Orchestrator.Bench;

/// <summary>
/// One `trading run` child over a database holding the throughput workload: it runs until no decision is pending, then
/// the rate over the decisions' processing span, the wall time, the child's peak RSS and CPU, and `invariants()`.
/// </summary>
public static class EngineRun
{
    public sealed record Figures(decimal DecisionsPerSecond, decimal WallSeconds, decimal PeakRssMiB, decimal CpuSeconds, long InvariantViolations);

    /// <summary>Inserts the workload (<see cref="BenchWorkload"/>) and analyses the tables.</summary>
    public static async Task PrepareAsync(BenchDatabase database, int decisions, int accounts, int symbols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.ExecuteAsync(BenchWorkload.SetUpSql(accounts, symbols), cancellationToken);
        await database.ExecuteAsync(BenchWorkload.DecisionsSql(decisions, accounts, symbols), cancellationToken);
        await database.ExecuteAsync("VACUUM ANALYZE", cancellationToken);
    }

    public static async Task<Figures> RunAsync(BenchDatabase database, int decisions, int workers, ProgressTask progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(progress);
        decimal peak = 0, cpu = 0, wall;
        var started = Stopwatch.GetTimestamp();
        await using (var orchestrator = ChildOrchestrator.Start(database.ConnectionString, new Dictionary<string, string>
        {
            ["Orchestrator__Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orchestrator__MigrateOnStart"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        }))
        {
            long pending;
            do
            {
                await Task.Delay(250, cancellationToken);
                pending = await database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE status = 'pending'", cancellationToken);
                progress.Value(decisions - pending);
                peak = Math.Max(peak, orchestrator.PeakRssMiB());
                cpu = orchestrator.CpuSeconds();
            }
            while (pending > 0);
            wall = Math.Round((decimal)Stopwatch.GetElapsedTime(started).TotalSeconds, 2);
        }

        var span = await database.ScalarAsync<decimal>(
            "SELECT EXTRACT(EPOCH FROM max(processed_at) - min(processed_at)) FROM trading_decisions", cancellationToken);
        var violations = await database.ScalarAsync<long>("SELECT count(*) FROM invariants()", cancellationToken);
        return new Figures(Math.Round(decisions / Math.Max(span, 0.001m), 0), wall, peak, cpu, violations);
    }
}
