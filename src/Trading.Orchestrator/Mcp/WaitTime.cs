using ModelContextProtocol;

namespace Trading.Orchestrator.Mcp;

/// <summary>The `wait` argument of the tools that can follow the orchestrator's answer: seconds, at most two minutes.</summary>
public static class WaitTime
{
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(2);

    /// <summary>Null or 0: do not wait. A negative or longer wait is refused rather than clipped.</summary>
    public static TimeSpan? From(double? seconds) => seconds switch
    {
        null or 0 => null,
        < 0 or > 120 or double.NaN => throw new McpException($"wait {seconds} is outside [0, 120] seconds."),
        { } s => TimeSpan.FromSeconds(s),
    };
}
