using Trading.Engine.Liquidity;
using Trading.Engine.MarketData.Simulation;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Settings of a <see cref="SimulatedFeed"/>. With <see cref="From"/> and <see cref="To"/> it backfills that range as
/// fast as the database takes it; without them it quotes every <see cref="Interval"/> in real time.
/// </summary>
public sealed record SimulatedFeedOptions
{
    public IReadOnlyList<PathSettings> Symbols { get; init; } = SimulationDefaults.Symbols;

    public ulong Seed { get; init; } = 42;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Backfill start (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Backfill end (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// When set, each quote also carries a simulated book (market_depth) and the prints at its touch (market_trades);
    /// null (the default) writes quotes only.
    /// </summary>
    public DepthSettings? Depth { get; init; }

    /// <summary>Real time only: stop after this many quoting ticks; null runs until cancelled.</summary>
    public int? MaxTicks { get; init; }

    public bool IsBackfill => From is not null;

    /// <summary>Quotes a backfill writes: steps in [From, To) times symbols.</summary>
    public long BackfillRows => IsBackfill ? BackfillSteps * Symbols.Count : 0;

    private long BackfillSteps => ((To!.Value - From!.Value).Ticks + Interval.Ticks - 1) / Interval.Ticks;

    public void Validate()
    {
        if (Symbols.Count == 0)
        {
            throw new ArgumentException("At least one symbol is needed.", nameof(Symbols));
        }

        if (Interval < TimeSpan.FromMilliseconds(1) || Interval > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "The interval must lie in [1ms, 1 day].");
        }

        if ((From is null) != (To is null))
        {
            throw new ArgumentException("A backfill needs both From and To.", nameof(To));
        }

        if (From is { } from && To is { } to && to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(To), to, $"To must be after From ({from:O}).");
        }

        if (MaxTicks is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTicks), MaxTicks, "The tick count must be positive.");
        }
    }
}
