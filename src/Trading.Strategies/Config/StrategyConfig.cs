namespace Trading.Strategies.Config;

/// <summary>
/// A validated strategy: seed 004's format (name, symbols, timeframe, indicators, entry/exit conditions, direction,
/// stop_loss_pct, take_profit_pct) and its extensions. Built only by <see cref="StrategyConfigParser"/>.
/// </summary>
public sealed class StrategyConfig
{
    internal StrategyConfig()
    {
    }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>The timeframe as written ("4h").</summary>
    public required string TimeframeName { get; init; }

    public required TimeSpan Timeframe { get; init; }

    /// <summary>The config in canonical JSON (keys sorted, no whitespace): what is stored and checksummed.</summary>
    public required string CanonicalJson { get; init; }

    /// <summary>SHA-256 of <see cref="CanonicalJson"/>, lower-case hex: a session records exactly what ran.</summary>
    public required string Checksum { get; init; }

    /// <summary>Closed bars needed before every indicator is defined (no signal before that).</summary>
    public required int WarmUpBars { get; init; }
}
