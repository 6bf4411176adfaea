using System.Globalization;
using System.Text;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Mcp;

/// <summary>An account's report as Markdown for a model to read: the overview, open positions, metrics and promotion gates.</summary>
public static class AccountReport
{
    private static readonly string[] PositionColumns = ["symbol", "side", "quantity", "entry_price", "current_price", "unrealized_pnl", "stop_loss", "take_profit"];

    public static string Markdown(PortfolioView portfolio, PerformanceReport performance)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(performance);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Account {portfolio.Overview["account"]}\n\n## Overview\n\n| figure | value |\n|---|---|\n");
        foreach (var (name, value) in portfolio.Overview)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {Cell(value)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n## Open positions ({portfolio.Positions.Count})\n\n");
        if (portfolio.Positions.Count > 0)
        {
            text.Append("| ").AppendJoin(" | ", PositionColumns).Append(" |\n|").Append(string.Concat(PositionColumns.Select(_ => "---|"))).Append('\n');
            foreach (var position in portfolio.Positions)
            {
                text.Append("| ").AppendJoin(" | ", PositionColumns.Select(c => Cell(position.GetValueOrDefault(c)))).Append(" |\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nResting orders: {portfolio.OpenOrders.Count}.\n\n## Performance\n\n| metric | value |\n|---|---|\n");
        var m = performance.Metrics;
        foreach (var (name, value) in new (string, object?)[]
                 {
                     ("total_trades", m.TotalTrades), ("win_rate_pct", m.WinRate), ("total_pnl", m.TotalPnl), ("total_fees", m.TotalFees),
                     ("profit_factor", m.ProfitFactor), ("expectancy", m.Expectancy), ("sharpe_ratio", m.SharpeRatio),
                     ("sortino_ratio", m.SortinoRatio), ("max_drawdown_pct", m.MaxDrawdownPct), ("days_covered", m.DaysCovered),
                     ("return_pct", m.ReturnPct),
                 })
        {
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {Cell(value)} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n## Promotion gates: {(performance.Passed ? "all pass" : "not all pass")}\n\n| gate | figure | rule | passed |\n|---|---|---|---|\n");
        foreach (var gate in performance.Gates)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {gate.Gate} | {Cell(gate.Figure)} | {gate.Rule} {Cell(gate.Threshold)} | {(gate.Passed ? "yes" : "no")} |\n");
        }

        return text.ToString();
    }

    // Text from the database (a halt reason) must not break the table or smuggle in control characters.
    private static string Cell(object? value) => value switch
    {
        null => "-",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => TerminalText.Clean(value.ToString()).Replace("|", "\\|", StringComparison.Ordinal),
    };
}
