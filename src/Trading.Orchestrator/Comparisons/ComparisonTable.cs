using System.Globalization;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Comparisons;

/// <summary>Seed 004's COMPARE table (Win Rate, PF, Max DD, Sharpe, Trades) plus Sortino, expectancy, fees and average slippage, as text cells.</summary>
public static class ComparisonTable
{
    public sealed record Row(string Metric, string Backtest, string Paper);

    public static IReadOnlyList<Row> Rows(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var (b, p) = (comparison.Backtest, comparison.Paper);
        return
        [
            new("Win Rate", Pct(b.WinRate), Pct(p.WinRate)),
            new("PF", N(b.ProfitFactor), N(p.ProfitFactor)),
            new("Max DD", Pct(b.MaxDrawdownPct), Pct(p.MaxDrawdownPct)),
            new("Sharpe", N(b.SharpeRatio), N(p.SharpeRatio)),
            new("Trades", b.Trades.ToString(CultureInfo.InvariantCulture), p.Trades.ToString(CultureInfo.InvariantCulture)),
            new("Sortino", N(b.SortinoRatio), N(p.SortinoRatio)),
            new("Expectancy", N(b.Expectancy), N(p.Expectancy)),
            new("Net P&L", N(b.TotalPnl), N(p.TotalPnl)),
            new("Fees", N(b.TotalFees), N(p.TotalFees)),
            new("Avg slippage", b.AverageSlippageBps is { } bs ? N(bs) + " bp" : "-", p.AverageSlippageBps is { } ps ? N(ps) + " bp" : "-"),
        ];
    }

    public static string N(decimal? value) => value is { } v ? v.ToString("#,0.####", CultureInfo.InvariantCulture) : "-";

    public static string Pct(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "-";
}
