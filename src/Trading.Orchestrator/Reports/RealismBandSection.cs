using System.Globalization;
using System.Text;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// The account page's realism band (<see cref="RealismBand"/>): a picture of the net P&amp;L under the pessimistic model,
/// the recorded fills and the optimistic model side by side, and the table of the account and its strategies.
/// </summary>
internal static class RealismBandSection
{
    private const int HalfWidth = 530;
    private const int ChartHeight = 260;

    public static void Append(StringBuilder html, RealismBand band, string currency)
    {
        html.Append("<div class=\"pair\"><div class=\"card\">").Append(Picture(band.Account, currency)).Append("</div>");
        html.Append("<div class=\"card\"><h2>Realism band: net P&amp;L under three fill models</h2>");
        html.Append("<table><tr><th>scope</th><th class=\"r\">fills</th><th class=\"r\">pessimistic</th><th class=\"r\">actual</th>")
            .Append("<th class=\"r\">optimistic</th><th class=\"r\">band width</th></tr>");
        Row(html, "account", band.Account, currency);
        foreach (var strategy in band.Strategies)
        {
            Row(html, strategy.Strategy ?? "(no strategy)", strategy, currency);
        }

        html.Append("</table><p class=\"muted\">Every fill re-priced, quantities unchanged. Optimistic: the mid at the decision (at the fill ")
            .Append("for resting and exit orders), no fee, no slippage, no latency. Pessimistic: one tick worse, the recorded slippage once more, ")
            .Append("and one more tick for maker fills (the back of the queue). The account's totals also hold the ledger entries no fill made. ")
            .Append("Of the whole epoch, not of the window.</p></div></div>\n");
    }

    private static string Picture(RealismBandRow row, string currency)
    {
        var bars = row.Actual is null || row.Fills == 0 ? [] : new List<SvgBars.Bar>
        {
            Bar("pessimistic", row.Pessimistic!.Value, "#c0262d", currency),
            Bar("actual", row.Actual.Value, "#1f6feb", currency),
            Bar("optimistic", row.Optimistic!.Value, "#0a7d38", currency),
        };
        var empty = row.Fills == 0 ? "no fills yet" : "an open position has no price";
        return SvgBars.Render("realism", $"Net P&L: pessimistic, actual, optimistic ({currency})", bars, HalfWidth, ChartHeight, empty);
    }

    private static SvgBars.Bar Bar(string label, decimal value, string colour, string currency) =>
        new(label, value, colour, DisplayNumber.SignedMoney(value, currency));

    private static void Row(StringBuilder html, string scope, RealismBandRow row, string c) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<tr><td>{HtmlReport.E(scope)}</td><td class=\"r\">{row.Fills:#,0}</td>" +
            $"<td class=\"r {HtmlReport.Css(row.Pessimistic)}\">{DisplayNumber.SignedMoney(row.Pessimistic, c)}</td>" +
            $"<td class=\"r {HtmlReport.Css(row.Actual)}\">{DisplayNumber.SignedMoney(row.Actual, c)}</td>" +
            $"<td class=\"r {HtmlReport.Css(row.Optimistic)}\">{DisplayNumber.SignedMoney(row.Optimistic, c)}</td>" +
            $"<td class=\"r\">{DisplayNumber.Money(row.Width, c)}</td></tr>");
}
