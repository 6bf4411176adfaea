using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// Either an order to send (side and lot-rounded quantity) or a terminal refusal with its reason. <see cref="ReducesOnly"/>:
/// the quantity does not exceed the position it opposes when planned (exempt from the minimum notional, no exits of its
/// own); whether the order stays reduce-only afterwards is the decision's choice, not this.
/// </summary>
internal sealed record OrderPlan(OrderSide Side, decimal Quantity, bool ReducesOnly, DecisionStatus? Refusal, string Reason)
{
    public static OrderPlan Refuse(DecisionStatus status, string reason) => new(OrderSide.Buy, 0m, false, status, reason);

    public static OrderPlan Rejected(string reason) => Refuse(DecisionStatus.Rejected, reason);
}
