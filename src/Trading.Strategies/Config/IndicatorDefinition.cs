namespace Trading.Strategies.Config;

/// <summary>
/// One configured indicator: its <see cref="Id"/> (the config's <c>id</c>, else its name), the catalog
/// <see cref="Name"/> ("rsi", "ema", "macd" ...), and every parameter with defaults filled in (periods are whole numbers).
/// </summary>
public sealed record IndicatorDefinition(string Id, string Name, IReadOnlyDictionary<string, decimal> Parameters);
