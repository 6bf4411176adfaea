using System.Globalization;
using System.Net;
using System.Text;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// A bar chart as inline SVG: one bar per labelled value from a zero line (negative values hang below it), round value
/// ticks, each bar's value written on it. For the distribution of trade returns and for gross P&amp;L against fees.
/// </summary>
public static class SvgBars
{
    private const int Left = 70;
    private const int Right = 16;
    private const int Top = 34;
    private const int Bottom = 46;

    public sealed record Bar(string Label, decimal Value, string Colour, string ValueText);

    public static string Render(string id, string title, IReadOnlyList<Bar> bars, int width, int height, string empty)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg id="{id}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{WebUtility.HtmlEncode(title)}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="#ffffff"/><text x="{Left}" y="20" class="chart-title">{WebUtility.HtmlEncode(title)}</text>""");
        if (bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{width / 2}" y="{height / 2}" text-anchor="middle" class="empty">{WebUtility.HtmlEncode(empty)}</text></svg>""");
            return svg.ToString();
        }

        var ticks = NiceScale.Ticks(Math.Min(0, bars.Min(b => b.Value)), Math.Max(0, bars.Max(b => b.Value)), 4);
        var (low, high) = ((double)ticks[0], (double)ticks[^1]);
        var places = ticks.Count > 1 ? DisplayNumber.Places(ticks[1] - ticks[0]) : 0;
        double Y(double v) => Top + ((high - v) / (high - low) * (height - Top - Bottom));
        foreach (var tick in ticks)
        {
            var y = F(Y((double)tick));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{y}" x2="{width - Right}" y2="{y}" class="{(tick == 0 ? "axis" : "grid")}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{F(Y((double)tick) + 4)}" text-anchor="end" class="tick">{tick.ToString(places == 0 ? "#,0" : "#,0." + new string('0', places), CultureInfo.InvariantCulture)}</text>""");
        }

        var slot = (double)(width - Left - Right) / bars.Count;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / ((width - Left - Right) / 70.0)));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var x = Left + (slot * i) + (slot * 0.12);
            var (top, bottom) = (Y(Math.Max((double)bar.Value, 0)), Y(Math.Min((double)bar.Value, 0)));
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="bar" x="{F(x)}" y="{F(top)}" width="{F(slot * 0.76)}" height="{F(Math.Max(bottom - top, 0.5))}" fill="{bar.Colour}"><title>{WebUtility.HtmlEncode($"{bar.Label}: {bar.ValueText}")}</title></rect>""");
            if (bar.Value != 0 && slot >= 28)
            {
                var textY = bar.Value > 0 ? top - 4 : bottom + 12;
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(x + (slot * 0.38))}" y="{F(textY)}" text-anchor="middle" class="tick">{WebUtility.HtmlEncode(bar.ValueText)}</text>""");
            }

            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(x + (slot * 0.38))}" y="{height - 26}" text-anchor="middle" class="tick">{WebUtility.HtmlEncode(bar.Label)}</text>""");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
