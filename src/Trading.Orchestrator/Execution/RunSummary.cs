using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Trading.Orchestrator.Execution;

/// <summary>
/// `trading run`'s heartbeat: every <see cref="OrchestratorOptions.SummaryInterval"/>, one info line with the period's
/// decisions by status, fills and latency, so a running orchestrator is never silent about what it does. Each
/// rejection is logged on its own at debug level (Logging:LogLevel:Trading.Orchestrator.Execution=Debug).
/// </summary>
public sealed partial class RunSummary(ExecutionCounters counters, IOptions<OrchestratorOptions> options, TimeProvider time, ILogger<RunSummary> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SummaryInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var p = counters.TakePeriod();
            LogSummary(interval.TotalSeconds, p.Decisions, p.Executed, p.Skipped, p.Rejected, p.Failed, p.Fills,
                p.LatencyMeanMs is { } mean ? mean.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-",
                p.LatencyCount == 0 ? "-" : p.LatencyMaxMs.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), counters.Finished);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message =
        "last {Seconds:0} s: {Decisions} decisions ({Executed} executed, {Skipped} skipped, {Rejected} rejected, {Failed} failed), {Fills} fills, " +
        "latency mean {MeanMs} ms max {MaxMs} ms; {Total} since start")]
    private partial void LogSummary(double seconds, long decisions, long executed, long skipped, long rejected, long failed, long fills, string meanMs, string maxMs, long total);
}
