namespace Trading.Engine.Execution;

/// <summary>
/// Which of the applier's rules a fill meets. <see cref="Immediate"/>: the fill of a decision's plain market order on
/// arrival, the decision acting now (the account's partial sizing applies, and limits bind even an order that only
/// reduces). <see cref="Flattens"/>: that decision is a CLOSE, which a loss limit halting the account never blocks.
/// <see cref="AtArrival"/>: the fill met the quote its decision was priced by, so it records the order's latency.
/// </summary>
internal sealed record FillTerms(bool Immediate, bool Flattens, bool AtArrival)
{
    /// <summary>A working order's fill on a later quote.</summary>
    public static readonly FillTerms Working = new(false, false, false);
}
