using Trading.Engine.Primitives;

namespace Trading.Engine.Risk.Limits;

/// <summary>A proposed order; the traded symbol is valued at <see cref="Price"/> (the expected fill price).</summary>
public sealed record RiskOrder(string Symbol, OrderSide Side, decimal Quantity, decimal Price, string? AgentId = null);
