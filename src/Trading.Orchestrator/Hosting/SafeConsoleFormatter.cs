using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Hosting;

/// <summary>
/// One line per log entry (time, level, category, message; the exception on the lines after it), with every message and
/// exception passed through <see cref="TerminalText.Clean"/>: a log line quoting an agent's text or a database error
/// cannot drive the operator's terminal or forge another line. Logs go to stderr, so stdout keeps a command's output.
/// </summary>
public sealed class SafeConsoleFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "trading";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(time.GetLocalNow().ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write("] ");
        textWriter.Write(TerminalText.Clean(message));
        textWriter.Write(Environment.NewLine);
        if (logEntry.Exception is { } exception)
        {
            // The trace keeps its own lines; only what is not a line break is escaped in it.
            foreach (var line in exception.ToString().Split('\n'))
            {
                textWriter.Write(TerminalText.Clean(line.TrimEnd('\r')));
                textWriter.Write(Environment.NewLine);
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
