namespace Trading.Strategies.Comparisons;

/// <summary>One step of the P&amp;L bridge: the exact amount a cause explains and the same in cents (the cents sum to the rounded difference).</summary>
public sealed record BridgeStep(DifferenceCause Cause, decimal Amount, decimal Cents)
{
    public string Name => CauseNames.Of(Cause);
}
