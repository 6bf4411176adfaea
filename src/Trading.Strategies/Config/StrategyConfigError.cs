namespace Trading.Strategies.Config;

/// <summary>One problem in a strategy config: where (a JSON path such as <c>$.indicators[1].params.period</c>) and what is allowed.</summary>
public sealed record StrategyConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
