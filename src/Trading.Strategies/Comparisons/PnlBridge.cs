namespace Trading.Strategies.Comparisons;

/// <summary>
/// From the backtest's net P&amp;L to paper's: the steps sum exactly to <see cref="Difference"/>, and their cents to
/// <see cref="DifferenceCents"/> (paper − backtest rounded to the cent).
/// </summary>
public sealed record PnlBridge(decimal BacktestNetPnl, decimal PaperNetPnl, IReadOnlyList<BridgeStep> Steps)
{
    public decimal Difference => PaperNetPnl - BacktestNetPnl;

    public decimal DifferenceCents => Math.Round(Difference, 2, MidpointRounding.AwayFromZero);
}
