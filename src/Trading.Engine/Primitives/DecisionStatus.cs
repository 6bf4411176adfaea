namespace Trading.Engine.Primitives;

/// <summary>
/// A decision's outcome. <see cref="Executed"/>: its order filled (an IOC in part); <see cref="Placed"/>: its order
/// rests in the book (follow it in paper_orders); <see cref="Expired"/>: its order could not fill when it arrived
/// (IOC/FOK with nothing executable, DAY/GTD already past); <see cref="Canceled"/>: canceled by a request while pending.
/// </summary>
public enum DecisionStatus
{
    Pending,
    Executed,
    Skipped,
    Rejected,
    Failed,
    Expired,
    Placed,
    Canceled,
}
