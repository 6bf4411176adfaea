namespace Trading.Strategies.Backtesting;

/// <summary>What the look-ahead check found: the signals of the full run, how many were rechecked, and those that changed.</summary>
public sealed record LookAheadReport(int Signals, int Checked, IReadOnlyList<LookAheadFinding> Flagged)
{
    public bool Clean => Flagged.Count == 0;
}
