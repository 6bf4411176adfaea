namespace Trading.Engine.Primitives;

public enum DecisionStatus
{
    Pending,
    Executed,
    Skipped,
    Rejected,
    Failed,
    Expired,
}
