using System.CommandLine;

namespace Trading.Orchestrator.Cli;

/// <summary>--from / --to: the reporting window [from, to), ISO dates or timestamps (UTC unless an offset is given).</summary>
public sealed class WindowOptions
{
    public Option<DateTimeOffset?> From { get; } = new("--from") { Description = "Window start, inclusive (e.g. 2026-11-01 or 2026-11-01T08:00Z)." };

    public Option<DateTimeOffset?> To { get; } = new("--to") { Description = "Window end, exclusive (default: now)." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(From);
        command.Options.Add(To);
    }

    /// <summary>The window, or the message for a bad-arguments exit when it is empty.</summary>
    public (DateTimeOffset? From, DateTimeOffset? To, string? Problem) Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var from = parse.GetValue(From);
        var to = parse.GetValue(To);
        return from is not null && to is not null && from >= to ? (from, to, $"--from {from:O} is not before --to {to:O}.") : (from, to, null);
    }
}
