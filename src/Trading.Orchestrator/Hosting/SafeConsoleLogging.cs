using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Trading.Orchestrator.Hosting;

/// <summary>The console logging every command and the host use: stderr, one line an entry, control characters escaped.</summary>
public static class SafeConsoleLogging
{
    public static ILoggingBuilder AddSafeConsole(this ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder
            .AddConsole(o =>
            {
                o.FormatterName = SafeConsoleFormatter.FormatterName;
                o.LogToStandardErrorThreshold = LogLevel.Trace;
            })
            .AddConsoleFormatter<SafeConsoleFormatter, ConsoleFormatterOptions>();
    }
}
