using System.Globalization;
using System.Net;
using System.Text;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// A self-contained HTML performance report (inline SVG and CSS: no script, no network). The account's page leads
/// with what a trader asks first (equity, P&amp;L realised and unrealised, fees paid, the return against buying and
/// holding), then the curve and drawdown, the distribution of trade returns, decisions refused and why, open positions,
/// results per symbol and per agent, the trade list and the settings that produced it all. Money is shown in cents of
/// the base currency, prices to the instrument's tick (<see cref="DisplayNumber"/>); `report --json` has exact values.
/// </summary>
public static class HtmlReport
{
    internal const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 32px; color: #1d2733; background: #f4f6f9; }
        h1 { margin: 0 0 4px 0; font-size: 26px; } .sub { color: #5b6878; margin-bottom: 18px; }
        h2 { font-size: 16px; margin: 0 0 10px 0; }
        .card { background: #fff; border-radius: 8px; padding: 16px 20px; margin-bottom: 18px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
        .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; } .pair > .card { margin-bottom: 18px; min-width: 0; }
        .tiles { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; }
        .tile .k { color: #5b6878; font-size: 12px; } .tile .v { font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; margin-top: 2px; }
        .tile .n { color: #5b6878; font-size: 11px; margin-top: 2px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        td, th { padding: 4px 8px; border-bottom: 1px solid #e6e9ee; text-align: left; } th { color: #5b6878; font-weight: 600; }
        td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
        table.metrics td.k { color: #5b6878; width: 22%; } table.metrics td.v { font-weight: 600; text-align: right; width: 28%; font-variant-numeric: tabular-nums; }
        .pos { color: #0a7d38; } .neg { color: #c0262d; } .muted { color: #5b6878; font-size: 12px; }
        .chart-title { font-size: 15px; font-weight: 600; fill: #1d2733; } .tick { font-size: 11px; fill: #5b6878; }
        .grid { stroke: #e6e9ee; stroke-width: 1; } .axis { stroke: #9aa5b1; stroke-width: 1; } .empty { font-size: 14px; fill: #9aa5b1; }
        .foot { color: #5b6878; font-size: 12px; }
        """;

    /// <summary>The metrics and the curve alone (no details): the page's top half.</summary>
    public static string Render(PerformanceMetrics metrics, IReadOnlyList<EquityPoint> curve, DateTimeOffset generatedAt) =>
        Render(metrics, curve, null, generatedAt);

    /// <summary>The account's page: metrics, curve and, when given, the details below them.</summary>
    /// <param name="metrics">The figures.</param>
    /// <param name="curve">The equity curve.</param>
    /// <param name="details">The account's sections below the charts, when there are any.</param>
    /// <param name="generatedAt">When the report was made.</param>
    /// <param name="heading">The title (default "Paper trading report: ACCOUNT"); a backtest names its run.</param>
    /// <param name="appendix">HTML placed after the charts (a backtest's trades), already encoded.</param>
    public static string Render(
        PerformanceMetrics metrics, IReadOnlyList<EquityPoint> curve, ReportDetails? details, DateTimeOffset generatedAt,
        string? heading = null, string? appendix = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(curve);
        var currency = details?.Headline.Currency;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Performance report: {E(metrics.Account)}</title><style>{Style}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(heading ?? $"Paper trading report: {metrics.Account}")}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"sub\">Window {E(Window(metrics))} · {curve.Count} snapshots · generated {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        if (currency is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $" · amounts in {E(currency)}, rounded to cents (`trading report --json` has the exact figures)");
        }

        html.Append("</div>\n");
        if (details is not null)
        {
            Headline(html, metrics, details);
        }

        Metrics(html, metrics, curve, currency);
        var equity = curve.Select(p => (p.Time, p.TotalValue)).ToList();
        var drawdown = curve.Select(p => (p.Time, p.DrawdownPct)).ToList();
        var benchmark = details is { BenchmarkCurve.Count: > 0 } ? ("buy & hold, equal weights", "this account", details.BenchmarkCurve) : default((string, string, IReadOnlyList<(DateTimeOffset, decimal)>)?);
        html.Append("<div class=\"card\">").Append(SvgChart.Render("equity", $"Equity (total value{(currency is null ? string.Empty : ", " + currency)})", equity, "#1f6feb", string.Empty, fillToZero: false, benchmark)).Append("</div>\n");
        html.Append("<div class=\"card\">").Append(SvgChart.Render("drawdown", "Drawdown: fall below the running peak (%)", drawdown, "#c0262d", "%", fillToZero: true)).Append("</div>\n");
        if (details is not null)
        {
            HtmlReportSections.Append(html, metrics, details);
        }

        html.Append(appendix);
        html.Append("<div class=\"foot\">Definitions. Net P&amp;L is after entry and exit fees; a win is a trade with net P&amp;L above 0. Fees paid are all ")
            .Append("fees debited in the window, also the entry fees of positions still open. Unrealised P&amp;L values open positions at the newest quote, ")
            .Append("before fees. Sharpe and Sortino use daily returns (each UTC day's last snapshot), risk-free rate 0, annualised by √365. ")
            .Append("Drawdown is the fall of the equity curve below its running peak within the window, negative (the same figure as `trading gates` and ")
            .Append("v_paper_performance_metrics.max_drawdown_pct). Trades are counted by exit time, decisions by the time they were written.</div>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    public static string Window(PerformanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        static string T(DateTimeOffset? t, string open) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : open;
        return $"{T(metrics.From, "start")} → {T(metrics.To, "now")}";
    }

    private static void Headline(StringBuilder html, PerformanceMetrics metrics, ReportDetails details)
    {
        var h = details.Headline;
        var c = h.Currency;
        var benchmark = details.BenchmarkReturnPct;
        var tiles = new (string Name, string Value, decimal? Sign, string Note)[]
        {
            ("Equity now", DisplayNumber.Money(h.Equity, c), null, $"cash {DisplayNumber.Money(h.Cash, c)}"),
            ("Total P&L", DisplayNumber.SignedMoney(h.TotalPnl, c), h.TotalPnl, $"since {DisplayNumber.Money(h.InitialCapital + h.NetDeposits, c)} paid in"),
            ("Realised P&L (net)", DisplayNumber.SignedMoney(h.RealizedNet, c), h.RealizedNet, $"{metrics.TotalTrades} closed trades, gross {DisplayNumber.SignedMoney(h.RealizedGross, c)}"),
            ("Unrealised P&L", DisplayNumber.SignedMoney(h.UnrealizedPnl, c), h.UnrealizedPnl, $"{details.Positions.Count} open, their entry fees {DisplayNumber.Money(h.OpenEntryFees, c)}"),
            ("Fees paid", DisplayNumber.Money(h.FeesPaid, c), h.FeesPaid > 0 ? -1 : null, $"exposure {DisplayNumber.Money(h.GrossExposure, c)}"),
            ("Return vs buy & hold", DisplayNumber.Percent(metrics.ReturnPct), metrics.ReturnPct, $"buy & hold {DisplayNumber.Percent(benchmark)}"),
        };
        html.Append("<div class=\"card\"><div class=\"tiles\">");
        foreach (var (name, value, sign, note) in tiles)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"tile\"><div class=\"k\">{E(name)}</div><div class=\"v {Css(sign)}\">{E(value)}</div><div class=\"n\">{E(note)}</div></div>");
        }

        html.Append("</div></div>\n");
    }

    private static void Metrics(StringBuilder html, PerformanceMetrics metrics, IReadOnlyList<EquityPoint> curve, string? currency)
    {
        string M(decimal? v) => DisplayNumber.Money(v, currency);
        var covered = curve.Count == 0 ? "no snapshots"
            : metrics.DaysCovered >= 1 ? $"{DisplayNumber.Figure(metrics.DaysCovered)} days"
            : Span(curve[^1].Time - curve[0].Time);
        var rows = new (string Name, string Value, decimal? Sign)[]
        {
            ("Closed trades", metrics.TotalTrades.ToString(CultureInfo.InvariantCulture), null),
            ("Win rate", DisplayNumber.Percent(metrics.WinRate), null),
            ("Winning / losing trades", $"{metrics.WinningTrades} / {metrics.LosingTrades}", null),
            ("Profit factor", metrics.ProfitFactor is { } pf ? DisplayNumber.Figure(pf) : metrics.WinningTrades > 0 && metrics.LosingTrades == 0 ? "∞ (no loss)" : "-", null),
            ("Net P&L of closed trades", DisplayNumber.SignedMoney(metrics.TotalPnl, currency), metrics.TotalPnl),
            ("Fees of closed trades", M(metrics.TotalFees), null),
            ("Average win", M(metrics.AverageWin), metrics.AverageWin),
            ("Average loss", M(metrics.AverageLoss), metrics.AverageLoss),
            ("Expectancy per trade", DisplayNumber.SignedMoney(metrics.Expectancy, currency), metrics.Expectancy),
            ("Trades per day", DisplayNumber.Figure(metrics.TradesPerDay), null),
            ("Average holding time", metrics.AverageTradeDuration is { } d ? CliOutput.Duration(d) : "-", null),
            ("Sharpe ratio (daily, √365)", metrics.SharpeRatio is null ? "- (needs 2 days)" : DisplayNumber.Figure(metrics.SharpeRatio), metrics.SharpeRatio),
            ("Sortino ratio", metrics.SortinoRatio is null ? "- (needs 2 days)" : DisplayNumber.Figure(metrics.SortinoRatio), metrics.SortinoRatio),
            ("Max drawdown", $"{DisplayNumber.Percent(metrics.MaxDrawdownPct)} ({M(metrics.MaxDrawdown)})", metrics.MaxDrawdown),
            ("Equity at start → end", $"{M(metrics.StartEquity)} → {M(metrics.EndEquity)}", null),
            ("Period the snapshots cover", $"{covered}, on {metrics.DaysWithSnapshots} UTC {(metrics.DaysWithSnapshots == 1 ? "day" : "days")}", null),
        };
        html.Append("<div class=\"card\"><table class=\"metrics\">");
        for (var i = 0; i < rows.Length; i += 2)
        {
            html.Append("<tr>");
            foreach (var (name, value, sign) in rows.Skip(i).Take(2))
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"k\">{E(name)}</td><td class=\"v {Css(sign)}\">{E(value)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></div>\n");
    }

    /// <summary>A span under a day in words: 56 s, 12 min 5 s, 5 h 12 min.</summary>
    internal static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{span.Seconds} s",
        { TotalHours: < 1 } => $"{span.Minutes} min {span.Seconds} s",
        _ => $"{(int)span.TotalHours} h {span.Minutes} min",
    };

    internal static string Css(decimal? sign) => sign is > 0 ? "pos" : sign is < 0 ? "neg" : string.Empty;

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
