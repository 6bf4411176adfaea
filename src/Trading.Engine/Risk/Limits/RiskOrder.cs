using Trading.Engine.Primitives;

namespace Trading.Engine.Risk.Limits;

/// <summary>
/// A proposed order; the traded symbol is valued at <see cref="Price"/> (the expected fill price). <see cref="AgentId"/> is the
/// decision's agent label, <see cref="Login"/> the login the database recorded for it.
/// </summary>
public sealed record RiskOrder(string Symbol, OrderSide Side, decimal Quantity, decimal Price, string? AgentId = null, string? Login = null);
