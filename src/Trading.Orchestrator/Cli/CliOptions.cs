using System.CommandLine;

namespace Trading.Orchestrator.Cli;

/// <summary>Options several operator commands share (new instances per command: an option belongs to one parent).</summary>
public static class CliOptions
{
    public static Option<string?> Account(string description = "Only this account.") => new("--account", "-a") { Description = description };

    /// <summary>An epoch of the account (a closed one is history: `trading accounts reset` ended it); default the current one.</summary>
    public static Option<int?> Epoch() => new("--epoch") { Description = "Only this epoch (closed epochs: v_paper_account_epochs); default the current one." };

    public static Option<int> Limit(int defaultValue) => new("--limit", "-n")
    {
        Description = $"At most this many rows, newest first (default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>--timeout of the commands that --wait for the orchestrator's answer.</summary>
    public static Option<TimeSpan> WaitTimeout() => new("--timeout")
    {
        Description = "How long --wait waits (10s, 500ms, 2m). Default 10s.",
        CustomParser = DurationParser.Parse,
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
    };

    /// <summary>Checks a --limit value; null when fine, else the message for a bad-arguments exit.</summary>
    public static string? CheckLimit(int limit) => limit is > 0 and <= 100_000 ? null : $"--limit {limit} must be between 1 and 100000.";
}
