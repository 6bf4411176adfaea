using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using Trading.Data.Execution;
using Trading.Orchestrator.Execution;

namespace Trading.Orchestrator.Jobs;

/// <summary>Writes every account's mark-to-market snapshot for the current interval bucket (idempotent).</summary>
[DisallowConcurrentExecution]
public sealed partial class MarkToMarketJob(
    NpgsqlDataSource dataSource, TimeProvider time, IOptions<OrchestratorOptions> options, ILogger<MarkToMarketJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var result = await SnapshotStore.WriteAsync(dataSource, options.Value.SnapshotInterval, time.GetUtcNow(), cancellationToken);
            LogSnapshots(result.Peaks);
            if (result.BeyondRange.Count > 0)
            {
                LogBeyondRange(string.Join(", ", result.BeyondRange));
            }
        }
        catch (NpgsqlException e)
        {
            // The next tick writes the same bucket; nothing is lost by skipping one.
            LogFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wrote the portfolio snapshots; {Peaks} accounts at a new equity peak")]
    private partial void LogSnapshots(int peaks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No snapshot for {Accounts}: a figure is beyond what a snapshot holds (10^18); the other accounts were snapshot")]
    private partial void LogBeyondRange(string accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mark-to-market snapshot skipped: {Error}")]
    private partial void LogFailed(string error);
}
