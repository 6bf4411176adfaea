using System.Globalization;
using System.Net;
using System.Text;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>A self-contained HTML performance report: metrics, equity curve and drawdown as inline SVG (no script, no network).</summary>
public static class HtmlReport
{
    internal const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 32px; color: #1d2733; background: #f4f6f9; }
        h1 { margin: 0 0 4px 0; font-size: 26px; } .sub { color: #5b6878; margin-bottom: 22px; }
        .card { background: #fff; border-radius: 8px; padding: 18px 22px; margin-bottom: 22px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
        table.metrics { border-collapse: collapse; width: 100%; } .metrics td { padding: 6px 10px; border-bottom: 1px solid #e6e9ee; }
        .metrics td.k { color: #5b6878; width: 22%; } .metrics td.v { font-weight: 600; text-align: right; width: 28%; font-variant-numeric: tabular-nums; }
        .pos { color: #0a7d38; } .neg { color: #c0262d; }
        .chart-title { font-size: 15px; font-weight: 600; fill: #1d2733; } .tick { font-size: 11px; fill: #5b6878; }
        .grid { stroke: #e6e9ee; stroke-width: 1; } .axis { stroke: #9aa5b1; stroke-width: 1; } .empty { font-size: 14px; fill: #9aa5b1; }
        .foot { color: #5b6878; font-size: 12px; }
        """;

    public static string Render(PerformanceMetrics metrics, IReadOnlyList<EquityPoint> curve, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(curve);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Performance report: {E(metrics.Account)}</title><style>{Style}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Paper trading report: {E(metrics.Account)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"sub\">Window {E(Window(metrics))} · {curve.Count} snapshots · generated {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC</div>\n");

        var rows = new (string Name, string Value, decimal? Sign)[]
        {
            ("Total trades", metrics.TotalTrades.ToString(CultureInfo.InvariantCulture), null),
            ("Win rate", Pct(metrics.WinRate), null),
            ("Winning / losing", $"{metrics.WinningTrades} / {metrics.LosingTrades}", null),
            ("Profit factor", metrics.ProfitFactor is { } pf ? N(pf) : metrics.WinningTrades > 0 && metrics.LosingTrades == 0 ? "∞ (no loss)" : "-", null),
            ("Net P&L (after fees)", N(metrics.TotalPnl), metrics.TotalPnl),
            ("Fees", N(metrics.TotalFees), null),
            ("Average win", N(metrics.AverageWin), metrics.AverageWin),
            ("Average loss", N(metrics.AverageLoss), metrics.AverageLoss),
            ("Expectancy per trade", N(metrics.Expectancy), metrics.Expectancy),
            ("Trades per day", N(metrics.TradesPerDay), null),
            ("Average trade duration", metrics.AverageTradeDuration is { } d ? CliOutput.Duration(d) : "-", null),
            ("Sharpe ratio (daily, √365)", N(metrics.SharpeRatio), metrics.SharpeRatio),
            ("Sortino ratio", N(metrics.SortinoRatio), metrics.SortinoRatio),
            ("Max drawdown", $"{Pct(metrics.MaxDrawdownPct)} ({N(metrics.MaxDrawdown)})", metrics.MaxDrawdown),
            ("Start → end equity", $"{N(metrics.StartEquity)} → {N(metrics.EndEquity)}", null),
            ("Return over the window", Pct(metrics.ReturnPct), metrics.ReturnPct),
            ("Days covered / with snapshots", $"{N(metrics.DaysCovered)} / {metrics.DaysWithSnapshots}", null),
        };
        html.Append("<div class=\"card\"><table class=\"metrics\">");
        for (var i = 0; i < rows.Length; i += 2)
        {
            html.Append("<tr>");
            foreach (var (name, value, sign) in rows.Skip(i).Take(2))
            {
                var css = sign is > 0 ? "v pos" : sign is < 0 ? "v neg" : "v";
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"k\">{E(name)}</td><td class=\"{css}\">{E(value)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></div>\n");
        var equity = curve.Select(p => (p.Time, p.TotalValue)).ToList();
        var drawdown = curve.Select(p => (p.Time, p.DrawdownPct)).ToList();
        html.Append("<div class=\"card\">").Append(SvgChart.Render("equity", "Equity curve (total value)", equity, "#1f6feb", string.Empty, fillToZero: false)).Append("</div>\n");
        html.Append("<div class=\"card\">").Append(SvgChart.Render("drawdown", "Drawdown from running peak (%)", drawdown, "#c0262d", "%", fillToZero: true)).Append("</div>\n");
        html.Append("<div class=\"foot\">Wins and losses count net P&amp;L after entry and exit fees. Sharpe and Sortino use daily returns ")
            .Append("(each UTC day's last snapshot), risk-free rate 0, annualised by √365. Drawdown is measured from the running peak ")
            .Append("of the equity curve within the window. Trades are counted by exit time.</div>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    public static string Window(PerformanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        static string T(DateTimeOffset? t, string open) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : open;
        return $"{T(metrics.From, "start")} → {T(metrics.To, "now")}";
    }

    private static string N(decimal? value) => value is { } v ? v.ToString("#,0.####", CultureInfo.InvariantCulture) : "-";

    private static string Pct(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + " %" : "-";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
