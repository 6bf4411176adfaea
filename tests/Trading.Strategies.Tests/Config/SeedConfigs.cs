namespace Trading.Strategies.Tests.Config;

/// <summary>Config texts shared by the config and evaluator tests.</summary>
internal static class SeedConfigs
{
    /// <summary>Seed 004's rsi_bounce_paper strategy_config, verbatim (its indentation included).</summary>
    public const string RsiBounce = """
        {
            "name": "rsi_bounce_paper",
            "symbols": ["BTC/USDT"],
            "timeframe": "4h",
            "indicators": [
              {"name": "rsi", "params": {"period": 14}}
            ],
            "entry_conditions": [
              {"indicator": "rsi", "field": "value", "operator": "lt", "value": 30}
            ],
            "exit_conditions": [
              {"indicator": "rsi", "field": "value", "operator": "gt", "value": 70}
            ],
            "direction": "long",
            "stop_loss_pct": 5,
            "take_profit_pct": 15
          }
        """;

    /// <summary>A 4h BTC/USDT config around <paramref name="body"/> (the indicators, conditions and options under test).</summary>
    public static string With(string body) => $$"""{"name": "t", "symbols": ["BTC/USDT"], "timeframe": "4h", {{body}}}""";
}
