namespace Trading.Orchestrator.Hosting;

/// <summary>Configuration section "Feed": a price source run inside `trading run` (none by default).</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    /// <summary>"none" (prices come from elsewhere) or "simulated" (the seeded GBM feed for BTC, ETH and SOL).</summary>
    public string Mode { get; set; } = "none";

    public ulong Seed { get; set; } = 42;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Simulated mode: levels a side of the simulated book written with each quote; 0 (the default) writes quotes only.</summary>
    public int DepthLevels { get; set; }
}
