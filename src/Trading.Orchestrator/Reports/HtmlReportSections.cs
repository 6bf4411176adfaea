using System.Globalization;
using System.Text;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>The account page's sections below the curve (see <see cref="HtmlReport"/>): pictures first, then the tables.</summary>
internal static class HtmlReportSections
{
    private const int HalfWidth = 530;
    private const int ChartHeight = 260;

    public static void Append(StringBuilder html, PerformanceMetrics metrics, ReportDetails details)
    {
        var c = details.Headline.Currency;
        html.Append("<div class=\"pair\"><div class=\"card\">").Append(Distribution(details)).Append("</div>");
        html.Append("<div class=\"card\">").Append(GrossAgainstFees(metrics, details)).Append("</div></div>\n");
        html.Append("<div class=\"pair\">");
        Decisions(html, details);
        Positions(html, details, c);
        html.Append("</div>\n<div class=\"pair\">");
        Groups(html, "Results per symbol", "symbol", details.BySymbol, c);
        Groups(html, "Results per agent", "agent", details.ByAgent, c);
        html.Append("</div>\n");
        if (details.RealismBand is { } band)
        {
            RealismBandSection.Append(html, band, c);
        }

        Benchmark(html, metrics, details);
        Trades(html, metrics, details, c);
        Settings(html, details);
    }

    private static string Distribution(ReportDetails details)
    {
        var bars = details.Returns.Select(b => new SvgBars.Bar(
            $"{DisplayNumber.Figure(b.From)}%", b.Count, b.From >= 0 ? "#0a7d38" : "#c0262d",
            b.Count.ToString(CultureInfo.InvariantCulture))).ToList();
        return SvgBars.Render("returns", "Distribution of trade returns (net, % of entry cost)", bars, HalfWidth, ChartHeight, "no closed trades in this window");
    }

    private static string GrossAgainstFees(PerformanceMetrics metrics, ReportDetails details)
    {
        var c = details.Headline.Currency;
        var gross = details.Headline.RealizedGross;
        var bars = metrics.TotalTrades == 0 ? [] : new List<SvgBars.Bar>
        {
            new("gross P&L", gross, gross >= 0 ? "#0a7d38" : "#c0262d", DisplayNumber.SignedMoney(gross, c)),
            new("fees", -metrics.TotalFees, "#d08a1c", DisplayNumber.SignedMoney(-metrics.TotalFees, c)),
            new("net P&L", metrics.TotalPnl, metrics.TotalPnl >= 0 ? "#0a7d38" : "#c0262d", DisplayNumber.SignedMoney(metrics.TotalPnl, c)),
        };
        return SvgBars.Render("fees", $"Closed trades: gross P&L, fees, net P&L ({c})", bars, HalfWidth, ChartHeight, "no closed trades in this window");
    }

    private static void Decisions(StringBuilder html, ReportDetails details)
    {
        html.Append("<div class=\"card\"><h2>Decisions in the window</h2><table><tr>");
        foreach (var d in details.Decisions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"r\">{HtmlReport.E(d.Status)}</th>");
        }

        html.Append("</tr><tr>");
        foreach (var d in details.Decisions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"r\">{d.Count:#,0}</td>");
        }

        html.Append("</tr></table>");
        if (details.Decisions.Count == 0)
        {
            html.Append("<p class=\"muted\">No decisions were written in this window.</p>");
        }

        if (details.TopReasons.Count > 0)
        {
            html.Append("<h2 style=\"margin-top:14px\">Why decisions were not executed (most frequent)</h2><table><tr><th>status</th><th>reason (e.g.)</th><th class=\"r\">count</th></tr>");
            foreach (var r in details.TopReasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlReport.E(r.Status)}</td><td>{HtmlReport.E(r.Example)}</td><td class=\"r\">{r.Count:#,0}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</div>");
    }

    private static void Positions(StringBuilder html, ReportDetails details, string c)
    {
        var h = details.Headline;
        html.Append("<div class=\"card\"><h2>Open positions and exposure</h2>");
        if (details.Positions.Count == 0)
        {
            html.Append("<p class=\"muted\">No open position.</p></div>");
            return;
        }

        html.Append("<table><tr><th>symbol</th><th>side</th><th class=\"r\">quantity</th><th class=\"r\">entry</th><th class=\"r\">mark</th><th class=\"r\">value</th><th class=\"r\">of equity</th><th class=\"r\">unrealised</th></tr>");
        foreach (var p in details.Positions)
        {
            var share = p.Value is { } v && h.Equity != 0 ? DisplayNumber.Percent(Math.Abs(v) / h.Equity * 100) : "-";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlReport.E(p.Symbol)}</td><td>{HtmlReport.E(p.Side)}</td><td class=\"r\">{DisplayNumber.Quantity(p.Quantity, p.Lot)}</td>" +
                $"<td class=\"r\">{DisplayNumber.Price(p.EntryPrice, p.Tick)}</td><td class=\"r\">{DisplayNumber.Price(p.Mark, p.Tick)}</td>" +
                $"<td class=\"r\">{DisplayNumber.Money(p.Value, c)}</td><td class=\"r\">{share}</td>" +
                $"<td class=\"r {HtmlReport.Css(p.UnrealizedPnl)}\">{DisplayNumber.SignedMoney(p.UnrealizedPnl, c)}</td></tr>");
        }

        var gross = h.Equity != 0 ? DisplayNumber.Percent(h.GrossExposure / h.Equity * 100) : "-";
        html.Append(CultureInfo.InvariantCulture, $"</table><p class=\"muted\">Gross exposure {DisplayNumber.Money(h.GrossExposure, c)} = {gross} of equity.</p></div>");
    }

    private static void Groups(StringBuilder html, string title, string key, IReadOnlyList<ReportGroup> groups, string c)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><h2>{HtmlReport.E(title)}</h2>");
        if (groups.Count == 0)
        {
            html.Append("<p class=\"muted\">No closed trades in this window.</p></div>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>{key}</th><th class=\"r\">trades</th><th class=\"r\">win rate</th><th class=\"r\">gross</th><th class=\"r\">fees</th><th class=\"r\">net</th></tr>");
        foreach (var g in groups)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlReport.E(g.Name)}</td><td class=\"r\">{g.Trades:#,0}</td><td class=\"r\">{DisplayNumber.Percent(g.Wins * 100m / g.Trades)}</td>" +
                $"<td class=\"r\">{DisplayNumber.SignedMoney(g.GrossPnl, c)}</td><td class=\"r\">{DisplayNumber.Money(g.Fees, c)}</td>" +
                $"<td class=\"r {HtmlReport.Css(g.NetPnl)}\">{DisplayNumber.SignedMoney(g.NetPnl, c)}</td></tr>");
        }

        html.Append("</table></div>");
    }

    private static void Benchmark(StringBuilder html, PerformanceMetrics metrics, ReportDetails details)
    {
        html.Append("<div class=\"card\"><h2>Against buying and holding</h2>");
        if (details.Benchmark.Count == 0)
        {
            html.Append("<p class=\"muted\">No symbol was traded or held in this window.</p></div>\n");
            return;
        }

        html.Append("<table><tr><th>symbol</th><th class=\"r\">first quote</th><th class=\"r\">last quote</th><th class=\"r\">buy &amp; hold return</th></tr>");
        foreach (var b in details.Benchmark)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlReport.E(b.Symbol)}</td><td class=\"r\">{DisplayNumber.Price(b.StartPrice, b.Tick)}</td><td class=\"r\">{DisplayNumber.Price(b.EndPrice, b.Tick)}</td>" +
                $"<td class=\"r {HtmlReport.Css(b.ReturnPct)}\">{DisplayNumber.Percent(b.ReturnPct)}</td></tr>");
        }

        html.Append(
            $"<tr><th>equal weights</th><td></td><td></td><th class=\"r {HtmlReport.Css(details.BenchmarkReturnPct)}\">{DisplayNumber.Percent(details.BenchmarkReturnPct)}</th></tr>" +
            $"<tr><th>this account</th><td></td><td></td><th class=\"r {HtmlReport.Css(metrics.ReturnPct)}\">{DisplayNumber.Percent(metrics.ReturnPct)}</th></tr></table>" +
            "<p class=\"muted\">Buy &amp; hold: the symbols this account traded or holds, bought in equal amounts at the mid of the first quote " +
            "at or after the window's first snapshot and valued at the last quote before its last; no fees, no spread.</p></div>\n");
    }

    private static void Trades(StringBuilder html, PerformanceMetrics metrics, ReportDetails details, string c)
    {
        var shown = details.Trades.Count < metrics.TotalTrades ? $" (the latest {details.Trades.Count} of {metrics.TotalTrades:#,0}; `trading trades` lists all)" : string.Empty;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><h2>Closed trades{HtmlReport.E(shown)}</h2>");
        if (details.Trades.Count == 0)
        {
            html.Append("<p class=\"muted\">No closed trades in this window.</p></div>\n");
            return;
        }

        html.Append("<table><tr><th>exit (UTC)</th><th>symbol</th><th>side</th><th class=\"r\">quantity</th><th class=\"r\">entry</th><th class=\"r\">exit</th>" +
                    "<th class=\"r\">held</th><th class=\"r\">gross</th><th class=\"r\">fees</th><th class=\"r\">net</th><th class=\"r\">return</th><th>agent</th></tr>");
        foreach (var t in details.Trades)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{t.ExitTime.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td><td>{HtmlReport.E(t.Symbol)}</td><td>{HtmlReport.E(t.Side)}</td>" +
                $"<td class=\"r\">{DisplayNumber.Quantity(t.Quantity, t.Lot)}</td><td class=\"r\">{DisplayNumber.Price(t.EntryPrice, t.Tick)}</td>" +
                $"<td class=\"r\">{DisplayNumber.Price(t.ExitPrice, t.Tick)}</td><td class=\"r\">{CliOutput.Duration(t.ExitTime - t.EntryTime)}</td>" +
                $"<td class=\"r\">{DisplayNumber.SignedMoney(t.GrossPnl, c)}</td><td class=\"r\">{DisplayNumber.Money(t.Fees, c)}</td>" +
                $"<td class=\"r {HtmlReport.Css(t.NetPnl)}\">{DisplayNumber.SignedMoney(t.NetPnl, c)}</td><td class=\"r\">{DisplayNumber.Percent(t.ReturnPct)}</td>" +
                $"<td>{HtmlReport.E(t.Agent ?? "-")}</td></tr>");
        }

        html.Append("</table></div>\n");
    }

    private static void Settings(StringBuilder html, ReportDetails details)
    {
        html.Append("<div class=\"card\"><h2>Account settings that produced these figures</h2><table class=\"metrics\">");
        for (var i = 0; i < details.Settings.Count; i += 2)
        {
            html.Append("<tr>");
            foreach (var s in details.Settings.Skip(i).Take(2))
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"k\">{HtmlReport.E(s.Name)}</td><td class=\"v\">{HtmlReport.E(s.Value)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></div>\n");
    }
}
