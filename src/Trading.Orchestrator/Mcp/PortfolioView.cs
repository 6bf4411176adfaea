namespace Trading.Orchestrator.Mcp;

/// <summary>What `portfolio` returns: one overview row, the open positions, the resting orders (view columns as keys).</summary>
public sealed record PortfolioView(
    Dictionary<string, object?> Overview,
    List<Dictionary<string, object?>> Positions,
    List<Dictionary<string, object?>> OpenOrders);
