namespace Trading.Strategies.Comparisons;

/// <summary>
/// The paper and backtest round trips opened by the same signal (each side's trades from it merged into one), their
/// entry and exit price differences split by cause, and the net P&amp;L difference (paper − backtest) split by cause:
/// the causes sum exactly to <see cref="NetDifference"/>.
/// </summary>
public sealed record TradePair(
    string Key,
    ComparedTrade Backtest,
    ComparedTrade Paper,
    PriceDifference Entry,
    PriceDifference Exit,
    IReadOnlyList<CauseAmount> Causes)
{
    public decimal NetDifference => Paper.NetPnl - Backtest.NetPnl;
}
