namespace Trading.Strategies.Comparisons;

/// <summary>The part of a P&amp;L difference (paper − backtest, in money) one cause explains.</summary>
public sealed record CauseAmount(DifferenceCause Cause, decimal Amount)
{
    public string Name => CauseNames.Of(Cause);
}
