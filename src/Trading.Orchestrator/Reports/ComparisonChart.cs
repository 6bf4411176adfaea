using System.Globalization;
using System.Net;
using System.Text;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// Two equity curves on one inline-SVG chart with a legend, on a shared time axis and a shared value axis (the report
/// draws them as % return on their own capital, so different capitals compare). Pixel maths in double; values exact.
/// </summary>
public static class ComparisonChart
{
    private const int Left = 90;
    private const int Right = 20;
    private const int Top = 44;
    private const int Bottom = 40;

    public sealed record Series(string Name, string Colour, IReadOnlyList<(DateTimeOffset Time, decimal Value)> Points);

    public static string Render(string id, string title, IReadOnlyList<Series> series, string unit)
    {
        ArgumentNullException.ThrowIfNull(series);
        var (width, height) = (SvgChart.Width, SvgChart.Height);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg id="{id}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{E(title)}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="#ffffff"/><text x="{Left}" y="20" class="chart-title">{E(title)}</text>""");
        var all = series.SelectMany(s => s.Points).ToList();
        if (all.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{width / 2}" y="{height / 2}" text-anchor="middle" class="empty">no equity on either side</text></svg>""");
            return svg.ToString();
        }

        var start = all.Min(p => p.Time);
        var span = Math.Max((all.Max(p => p.Time) - start).TotalSeconds, 1);
        var (low, high) = ((double)all.Min(p => p.Value), (double)all.Max(p => p.Value));
        if (high - low < 1e-9)
        {
            (low, high) = (low - 1, high + 1);
        }

        var pad = (high - low) * 0.06;
        (low, high) = (low - pad, high + pad);
        double X(DateTimeOffset t) => Left + ((t - start).TotalSeconds / span * (width - Left - Right));
        double Y(double v) => Top + ((high - v) / (high - low) * (height - Top - Bottom));
        for (var i = 0; i <= 4; i++)
        {
            var v = low + ((high - low) * i / 4);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{F(Y(v))}" x2="{width - Right}" y2="{F(Y(v))}" class="grid"/><text x="{Left - 8}" y="{F(Y(v) + 4)}" text-anchor="end" class="tick">{v.ToString("N2", CultureInfo.InvariantCulture)}{unit}</text>""");
            var t = start.AddSeconds(span * i / 4);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(X(t))}" y="{height - 14}" text-anchor="{(i == 0 ? "start" : i == 4 ? "end" : "middle")}" class="tick">{t.UtcDateTime.ToString(span > 3 * 86400 ? "yyyy-MM-dd" : "MM-dd HH:mm", CultureInfo.InvariantCulture)}</text>""");
        }

        var legend = Left;
        foreach (var line in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{legend}" y="28" width="14" height="4" fill="{line.Colour}"/><text x="{legend + 20}" y="34" class="tick">{E(line.Name)}</text>""");
            legend += 160;
            var points = SvgChart.Thin(line.Points);
            if (points.Count > 0)
            {
                var coordinates = string.Join(' ', points.Select(p => $"{F(X(p.Time))},{F(Y((double)p.Value))}"));
                svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="series" data-name="{E(line.Name)}" data-points="{points.Count}" points="{coordinates}" fill="none" stroke="{line.Colour}" stroke-width="2" stroke-linejoin="round"/>""");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
