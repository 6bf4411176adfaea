using Microsoft.Extensions.Logging;

namespace Trading.Orchestrator.Cli;

internal static partial class RunLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestrator running on {Database}; Ctrl+C stops it")]
    public static partial void Running(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped after finishing {Count} decisions")]
    public static partial void Stopped(ILogger logger, long count);
}
