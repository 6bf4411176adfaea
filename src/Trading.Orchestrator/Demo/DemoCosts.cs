namespace Trading.Orchestrator.Demo;

/// <summary>
/// The account's trading costs (fee rate, slippage) and what they came to: fees debited so far, and the closed trades'
/// gross P&amp;L (price moves, spread and slippage) and fees.
/// </summary>
public sealed record DemoCosts(decimal FeeRate, string SlippageModel, decimal SlippageRate, decimal FeesPaid, decimal GrossPnl, decimal TradeFees, long Trades)
{
    public static readonly DemoCosts None = new(0, "none", 0, 0, 0, 0, 0);
}
