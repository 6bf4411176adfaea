using System.Globalization;
using System.Net;
using System.Text;
using Trading.Orchestrator.Comparisons;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// The comparison page of the HTML report (`trading compare --out`): both equity curves on one chart (as % return on
/// each side's capital), seed 004's table with the assessment, the P&amp;L bridge, the pairs and the unmatched trades.
/// Self-contained like the account report (its stylesheet, inline SVG, no script).
/// </summary>
public static class ComparisonHtml
{
    private const string Extra = """
        table.grid3 { border-collapse: collapse; width: 100%; } .grid3 th, .grid3 td { padding: 5px 10px; border-bottom: 1px solid #e6e9ee; text-align: right; font-variant-numeric: tabular-nums; }
        .grid3 th:first-child, .grid3 td:first-child { text-align: left; } .grid3 td.why { text-align: left; color: #5b6878; }
        .verdict { font-size: 18px; font-weight: 700; margin: 10px 0 4px 0; }
        """;

    public static string Render(ComparisonReport report, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest vs paper: {E(report.Session.Name)}</title><style>{HtmlReport.Style}{Extra}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Strategy validation: {E(report.Session.Name)}</h1>");
        var run = report.BacktestRunId is { } id ? $"backtest run {id}" : "a backtest run for this comparison";
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"sub\">Session {report.Session.Id} ({E(report.Session.Mode)}, account {E(report.Session.Account)}) against {E(run)} · generated {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC</div>\n");

        html.Append("<div class=\"card\">").Append(ComparisonChart.Render("equity-compare", "Equity, % return on capital: backtest and paper", [
            new("Backtest", "#6e40c9", Returns(report.Backtest)),
            new("Paper", "#1f6feb", Returns(report.Paper)),
        ], "%")).Append(CultureInfo.InvariantCulture, $"<div class=\"foot\">{E(report.Clock)}</div></div>\n");

        html.Append("<div class=\"card\"><table class=\"grid3\" id=\"compare-table\"><tr><th></th><th>Backtest</th><th>Paper</th></tr>");
        foreach (var row in ComparisonTable.Rows(r))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(row.Metric)}</td><td>{E(row.Backtest)}</td><td>{E(row.Paper)}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table><div class=\"verdict\" id=\"verdict\">Assessment: {E(r.Assessment.VerdictName)}</div><div>{E(r.Assessment.Recommendation)}</div>");
        foreach (var caution in r.Assessment.Cautions.Concat(report.Warnings))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"foot\">Caution: {E(caution)}</div>");
        }

        var s = r.Similarity;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"foot\">Daily-return correlation {E(ComparisonTable.N(s.Correlation))} over {s.CommonDays} common days (good at ≥ {r.Thresholds.GoodCorrelation}); DTW distance {E(ComparisonTable.N(s.DtwDistance))} (good at ≤ {r.Thresholds.GoodDtwDistance}).</div></div>\n");

        var bridge = r.Reconciliation.Bridge;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><table class=\"grid3\" id=\"bridge\"><tr><th>P&amp;L bridge, backtest → paper</th><th>amount</th></tr><tr><td>Backtest net P&amp;L</td><td>{E(ComparisonTable.N(bridge.BacktestCents))}</td></tr>");
        foreach (var step in bridge.Steps)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(step.Name)}</td><td class=\"{(step.Cents < 0 ? "neg" : "pos")}\">{E(ComparisonTable.N(step.Cents))}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<tr><td><b>Paper net P&amp;L</b></td><td><b>{E(ComparisonTable.N(bridge.PaperCents))}</b></td></tr></table></div>\n");

        html.Append("<div class=\"card\"><table class=\"grid3\" id=\"pairs\"><tr><th>Signal</th><th>Qty backtest / paper</th><th>Entry Δ</th><th>Exit Δ</th><th>Net Δ</th></tr>");
        foreach (var p in r.Reconciliation.Pairs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Key)}</td><td>{E(ComparisonTable.N(p.Backtest.Quantity))} / {E(ComparisonTable.N(p.Paper.Quantity))}</td><td>{E(ComparisonTable.N(p.Entry.Total))}</td><td>{E(ComparisonTable.N(p.Exit.Total))}</td><td>{E(ComparisonTable.N(p.NetDifference))}</td></tr>");
        }

        foreach (var u in r.Reconciliation.UnmatchedBacktest.Concat(r.Reconciliation.UnmatchedPaper))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(u.Trade.EntryKey ?? "-")} (only in {E(u.Side)})</td><td colspan=\"3\" class=\"why\">{E(u.Reason)}</td><td>{E(ComparisonTable.N(u.Trade.NetPnl))}</td></tr>");
        }

        html.Append("</table></div>\n</body></html>\n");
        return html.ToString();
    }

    private static List<(DateTimeOffset Time, decimal Value)> Returns(Trading.Strategies.Comparisons.ComparisonSide side) =>
        side.InitialCapital > 0m
            ? [.. side.Equity.Select(p => (p.Time, Math.Round((p.Equity / side.InitialCapital - 1m) * 100m, 4)))]
            : [];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
