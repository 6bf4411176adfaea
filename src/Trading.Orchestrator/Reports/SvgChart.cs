using System.Globalization;
using System.Net;
using System.Text;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// A time-series line chart as inline SVG: axes, grid, labels and one polyline (optionally filled down to zero).
/// Pixel coordinates are doubles (drawing, not money); the values they come from are the exact decimals.
/// </summary>
public static class SvgChart
{
    public const int Width = 1100;
    public const int Height = 320;
    private const int Left = 90;
    private const int Right = 20;
    private const int Top = 34;
    private const int Bottom = 40;

    /// <summary>More points than this are thinned (evenly, first and last kept): a browser need not draw 500,000 of them.</summary>
    public const int MaxPoints = 2000;

    public static string Render(string id, string title, IReadOnlyList<(DateTimeOffset Time, decimal Value)> series, string colour, string unit, bool fillToZero)
    {
        ArgumentNullException.ThrowIfNull(series);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg id="{id}" xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" role="img" aria-label="{WebUtility.HtmlEncode(title)}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="#ffffff"/><text x="{Left}" y="20" class="chart-title">{WebUtility.HtmlEncode(title)}</text>""");
        if (series.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="{Height / 2}" text-anchor="middle" class="empty">no snapshots in this window</text></svg>""");
            return svg.ToString();
        }

        var points = Thin(series);
        var minTime = points[0].Time;
        var span = Math.Max((points[^1].Time - minTime).TotalSeconds, 1);
        var low = (double)points.Min(p => p.Value);
        var high = (double)points.Max(p => p.Value);
        if (fillToZero)
        {
            high = Math.Max(high, 0);
        }

        if (high - low < 1e-9)
        {
            (low, high) = (low - 1, high + 1);
        }

        var pad = (high - low) * 0.06;
        // A drawdown chart keeps zero as its top edge; a value chart gets air on both sides.
        low -= pad;
        high += fillToZero ? 0 : pad;
        double X(DateTimeOffset t) => Left + ((t - minTime).TotalSeconds / span * (Width - Left - Right));
        double Y(double v) => Top + ((high - v) / (high - low) * (Height - Top - Bottom));

        for (var i = 0; i <= 4; i++)
        {
            var v = low + ((high - low) * i / 4);
            var y = Y(v);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{F(y)}" x2="{Width - Right}" y2="{F(y)}" class="grid"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{F(y + 4)}" text-anchor="end" class="tick">{v.ToString("N2", CultureInfo.InvariantCulture)}{unit}</text>""");
        }

        for (var i = 0; i <= 4; i++)
        {
            var t = minTime.AddSeconds(span * i / 4);
            var label = span > 3 * 86400 ? t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(X(t))}" y="{Height - 14}" text-anchor="{(i == 0 ? "start" : i == 4 ? "end" : "middle")}" class="tick">{label}</text>""");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" class="axis"/><line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" class="axis"/>""");
        var coordinates = string.Join(' ', points.Select(p => $"{F(X(p.Time))},{F(Y((double)p.Value))}"));
        if (fillToZero)
        {
            var zero = F(Y(0));
            svg.Append(CultureInfo.InvariantCulture, $"""<polygon points="{F(X(points[0].Time))},{zero} {coordinates} {F(X(points[^1].Time))},{zero}" fill="{colour}" fill-opacity="0.18" stroke="none"/>""");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="series" data-points="{points.Count}" points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"/>""");
        if (points.Count == 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{F(X(points[0].Time))}" cy="{F(Y((double)points[0].Value))}" r="3" fill="{colour}"/>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    public static IReadOnlyList<(DateTimeOffset Time, decimal Value)> Thin(IReadOnlyList<(DateTimeOffset Time, decimal Value)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count <= MaxPoints)
        {
            return series;
        }

        return Enumerable.Range(0, MaxPoints)
            .Select(i => series[(int)Math.Round((double)i * (series.Count - 1) / (MaxPoints - 1))])
            .ToList();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
