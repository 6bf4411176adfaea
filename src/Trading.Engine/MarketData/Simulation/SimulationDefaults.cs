namespace Trading.Engine.MarketData.Simulation;

/// <summary>Realistic starting points for the default crypto symbols.</summary>
public static class SimulationDefaults
{
    public static IReadOnlyList<PathSettings> Symbols { get; } =
    [
        new PathSettings("BTC/USDT", 65_000m, 0m, 0.60m, 0.0002m, 0.5m) { LotSize = 0.00001m },
        new PathSettings("ETH/USDT", 3_200m, 0m, 0.75m, 0.0003m, 5m) { LotSize = 0.0001m },
        new PathSettings("SOL/USDT", 150m, 0m, 1.00m, 0.0005m, 100m) { LotSize = 0.001m },
    ];

    /// <summary>The defaults for a known symbol; otherwise a generic path at 100 with 80% volatility.</summary>
    public static PathSettings For(string symbol) =>
        Symbols.FirstOrDefault(s => string.Equals(s.Symbol, symbol, StringComparison.Ordinal))
        ?? new PathSettings(symbol, 100m, 0m, 0.80m, 0.0005m, 10m);
}
