using Trading.Strategies.Conditions;

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

    /// <summary>The config's free-text <c>description</c>, if any.</summary>
    public string? Description { get; init; }

    public required StrategyDirection Direction { get; init; }

    public bool TradesLong => Direction is StrategyDirection.Long or StrategyDirection.Both;

    public bool TradesShort => Direction is StrategyDirection.Short or StrategyDirection.Both;

    /// <summary>The indicators in config order, parameters with defaults filled in.</summary>
    public required IReadOnlyList<IndicatorDefinition> Indicators { get; init; }

    /// <summary>Stop-loss distance in percent of the entry price (0 &lt; x &lt; 100), or none.</summary>
    public decimal? StopLossPct { get; init; }

    /// <summary>Take-profit distance in percent of the entry price (&gt; 0), or none.</summary>
    public decimal? TakeProfitPct { get; init; }

    /// <summary>Trailing-stop distance in percent of the best price since entry (0 &lt; x &lt; 100), or none.</summary>
    public decimal? TrailingStopPct { get; init; }

    public bool HasTrailingStop => TrailingStopPct is not null;

    /// <summary>Close a position once it has been held this many bars; null for no time limit.</summary>
    public int? MaxBarsInTrade { get; init; }

    /// <summary>Bars after an exit during which no entry is taken; 0 for none.</summary>
    public int CooldownBars { get; init; }

    public required StrategySizing Sizing { get; init; }

    internal Condition? LongEntry { get; init; }

    internal Condition? LongExit { get; init; }

    internal Condition? ShortEntry { get; init; }

    internal Condition? ShortExit { get; init; }
}
