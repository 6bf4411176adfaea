using System.ComponentModel.DataAnnotations;

namespace Trading.Orchestrator.Strategies;

/// <summary>Configuration section "Strategies": the session runner inside `trading run`.</summary>
public sealed class StrategyOptions
{
    public const string Section = "Strategies";

    /// <summary>Run the strategy sessions that are `running` (one runner per process; replicas share sessions safely).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest the runner sleeps between looks. It also looks at each bar close, when quotes arrive and when decisions
    /// are executed, so this is only the safety net for a missed notification.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two looks, however many quotes arrive.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MinLookSpacing { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The most bars one session acts on per look (a replay catching up yields to the other sessions).</summary>
    [Range(1, 100_000)]
    public int MaxBarsPerPoll { get; set; } = 1000;
}
