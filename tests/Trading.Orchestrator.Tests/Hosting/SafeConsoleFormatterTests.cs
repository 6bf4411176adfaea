using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Tests.Hosting;

public sealed class SafeConsoleFormatterTests
{
    [Fact]
    public void Write_MessageAndExceptionWithControls_OneLineEscaped()
    {
        var formatter = new SafeConsoleFormatter(TimeProvider.System);
        using var writer = new StringWriter();
        var error = new InvalidOperationException("bad \u001b[2J value");
        var entry = new LogEntry<string>(LogLevel.Error, "Trading.Test", new EventId(7), "decision by \u001b]0;pwned\u0007\nforged", error, (s, _) => s);

        formatter.Write(entry, null, writer);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("fail: Trading.Test[7] decision by \\x1B]0;pwned\\x07\\x0Aforged", lines[0], StringComparison.Ordinal);
        Assert.Contains("bad \\x1B[2J value", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', writer.ToString());
    }
}
