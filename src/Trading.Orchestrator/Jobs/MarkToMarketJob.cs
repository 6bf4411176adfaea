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
            var written = await SnapshotStore.WriteAsync(dataSource, options.Value.SnapshotInterval, time.GetUtcNow(), cancellationToken);
            LogSnapshots(written);
        }
        catch (NpgsqlException e)
        {
            // The next tick writes the same bucket; nothing is lost by skipping one.
            LogFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wrote {Count} portfolio snapshots")]
    private partial void LogSnapshots(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mark-to-market snapshot skipped: {Error}")]
    private partial void LogFailed(string error);
}
