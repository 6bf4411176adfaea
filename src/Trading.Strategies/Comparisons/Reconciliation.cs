namespace Trading.Strategies.Comparisons;

/// <summary>Trade by trade: the pairs, what each side has alone, and the bridge from the backtest's P&amp;L to paper's.</summary>
public sealed record Reconciliation(
    IReadOnlyList<TradePair> Pairs,
    IReadOnlyList<UnmatchedTrade> UnmatchedBacktest,
    IReadOnlyList<UnmatchedTrade> UnmatchedPaper,
    PnlBridge Bridge);
