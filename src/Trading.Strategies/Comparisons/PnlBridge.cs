namespace Trading.Strategies.Comparisons;

/// <summary>
/// From the backtest's net P&amp;L to paper's: the steps sum exactly to <see cref="Difference"/>, and their cents to
/// <see cref="DifferenceCents"/>, the difference of the two net P&amp;Ls in cents, so that a bridge printed in cents
/// (backtest, steps, paper) adds up on the page.
/// </summary>
public sealed record PnlBridge(decimal BacktestNetPnl, decimal PaperNetPnl, IReadOnlyList<BridgeStep> Steps)
{
    public decimal Difference => PaperNetPnl - BacktestNetPnl;

    public decimal BacktestCents => Math.Round(BacktestNetPnl, 2, MidpointRounding.AwayFromZero);

    public decimal PaperCents => Math.Round(PaperNetPnl, 2, MidpointRounding.AwayFromZero);

    public decimal DifferenceCents => PaperCents - BacktestCents;
}
