using Microsoft.Extensions.Logging;

namespace Trading.Orchestrator.Cli;

internal static partial class RunLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestrator running on {Database}; Ctrl+C stops it")]
    public static partial void Running(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready (attempt {Attempt}); retrying in {DelayMs:F0} ms: {Error}")]
    public static partial void StartupRetry(ILogger logger, int attempt, double delayMs, string? error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The orchestrator stopped on an error it could not recover from; exiting for a restart")]
    public static partial void Crashed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped after finishing {Count} decisions")]
    public static partial void Stopped(ILogger logger, long count);
}
