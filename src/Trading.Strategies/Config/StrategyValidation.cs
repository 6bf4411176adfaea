namespace Trading.Strategies.Config;

/// <summary>The outcome of parsing a config: the config when it is valid, else every error found (never only the first).</summary>
public sealed record StrategyValidation(StrategyConfig? Config, IReadOnlyList<StrategyConfigError> Errors)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
