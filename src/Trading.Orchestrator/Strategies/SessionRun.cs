using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;

namespace Trading.Orchestrator.Strategies;

/// <summary>A session's evaluator in this process, and the close of the last bar fed to it per symbol.</summary>
internal sealed class SessionRun(string configJson, StrategyEvaluator evaluator, DateTimeOffset anchor)
{
    public string ConfigJson { get; } = configJson;

    public StrategyEvaluator Evaluator { get; } = evaluator;

    public StrategyConfig Config => Evaluator.Config;

    /// <summary>Where the indicators' history starts: a fixed function of the session, so a restart rebuilds the same state.</summary>
    public DateTimeOffset Anchor { get; } = anchor;

    public Dictionary<string, DateTimeOffset> FedThrough { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The history an evaluator starts from: three times its warm-up (at least 50 bars) before the first bar it acts on,
    /// so an exponential average has forgotten where it started.
    /// </summary>
    public static DateTimeOffset AnchorFor(StrategyConfig config, DateTimeOffset actFrom)
    {
        ArgumentNullException.ThrowIfNull(config);
        return actFrom - (config.Timeframe * Math.Max(3 * config.WarmUpBars, config.WarmUpBars + 50));
    }
}
