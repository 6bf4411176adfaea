namespace Trading.Strategies.Config;

/// <summary>Parses and validates a strategy config (JSON text) before anything starts.</summary>
public static class StrategyConfigParser
{
    public static StrategyValidation Parse(string json) => throw new NotImplementedException();
}
