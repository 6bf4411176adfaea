using System.Globalization;
using System.Net;
using System.Text;
using Trading.Orchestrator.Cli;

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

    public static string Render(string id, string title, IReadOnlyList<(DateTimeOffset Time, decimal Value)> series, string colour, string unit, bool fillToZero) =>
        Render(id, title, series, colour, unit, fillToZero, null);

    /// <summary>
    /// As above, with an optional second line (a benchmark: grey, dashed, over the same times) and a legend naming both.
    /// Y ticks are round (1, 2 or 5 × 10^k); the time labels are as precise as the span needs, so no two are alike.
    /// </summary>
    public static string Render(string id, string title, IReadOnlyList<(DateTimeOffset Time, decimal Value)> series, string colour, string unit, bool fillToZero,
        (string Name, string SeriesName, IReadOnlyList<(DateTimeOffset Time, decimal Value)> Points)? comparison)
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
        var other = comparison is { } c && c.Points.Count > 0 ? Thin(c.Points) : null;
        var minTime = points[0].Time;
        var span = Math.Max((points[^1].Time - minTime).TotalSeconds, 1);
        var values = points.Select(p => p.Value).Concat(other?.Select(p => p.Value) ?? []).ToList();
        var (lowValue, highValue) = (values.Min(), values.Max());
        if (fillToZero)
        {
            highValue = Math.Max(highValue, 0);
        }

        var ticks = NiceScale.Ticks(lowValue, highValue, 4);
        var (low, high) = ((double)ticks[0], (double)ticks[^1]);
        var places = ticks.Count > 1 ? DisplayNumber.Places(ticks[1] - ticks[0]) : 0;
        double X(DateTimeOffset t) => Left + ((t - minTime).TotalSeconds / span * (Width - Left - Right));
        double Y(double v) => Top + ((high - v) / (high - low) * (Height - Top - Bottom));

        foreach (var tick in ticks)
        {
            var y = Y((double)tick);
            var label = tick.ToString(places == 0 ? "#,0" : "#,0." + new string('0', places), CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{F(y)}" x2="{Width - Right}" y2="{F(y)}" class="grid"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{F(y + 4)}" text-anchor="end" class="tick">{label}{unit}</text>""");
        }

        var times = TimeLabels(minTime, span);
        for (var i = 0; i < times.Count; i++)
        {
            var (t, label) = times[i];
            var anchor = i == 0 ? "start" : i == times.Count - 1 ? "end" : "middle";
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(X(t))}" y="{Height - 14}" text-anchor="{anchor}" class="tick">{label}</text>""");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" class="axis"/><line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" class="axis"/>""");
        var coordinates = string.Join(' ', points.Select(p => $"{F(X(p.Time))},{F(Y((double)p.Value))}"));
        if (fillToZero)
        {
            var zero = F(Y(0));
            svg.Append(CultureInfo.InvariantCulture, $"""<polygon points="{F(X(points[0].Time))},{zero} {coordinates} {F(X(points[^1].Time))},{zero}" fill="{colour}" fill-opacity="0.18" stroke="none"/>""");
        }

        if (other is not null)
        {
            var line = string.Join(' ', other.Select(p => $"{F(X(p.Time))},{F(Y((double)p.Value))}"));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="comparison" points="{line}" fill="none" stroke="#8a94a3" stroke-width="1.5" stroke-dasharray="5 4"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Width - 420}" y1="16" x2="{Width - 396}" y2="16" stroke="{colour}" stroke-width="2"/><text x="{Width - 390}" y="20" class="tick">{WebUtility.HtmlEncode(comparison!.Value.SeriesName)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Width - 250}" y1="16" x2="{Width - 226}" y2="16" stroke="#8a94a3" stroke-width="1.5" stroke-dasharray="5 4"/><text x="{Width - 220}" y="20" class="tick">{WebUtility.HtmlEncode(comparison.Value.Name)}</text>""");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="series" data-points="{points.Count}" points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"/>""");
        if (points.Count == 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{F(X(points[0].Time))}" cy="{F(Y((double)points[0].Value))}" r="3" fill="{colour}"/>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Five labels along the time axis in the coarsest format that still tells them apart (dates, minutes, seconds).</summary>
    public static IReadOnlyList<(DateTimeOffset Time, string Label)> TimeLabels(DateTimeOffset start, double spanSeconds)
    {
        var times = Enumerable.Range(0, 5).Select(i => start.AddSeconds(spanSeconds * i / 4)).ToList();
        string[] formats = spanSeconds > 3 * 86400 ? ["yyyy-MM-dd", "MM-dd HH:mm"]
            : spanSeconds > 86400 ? ["MM-dd HH:mm", "MM-dd HH:mm:ss"]
            : ["HH:mm", "HH:mm:ss", "HH:mm:ss.f"];
        foreach (var format in formats)
        {
            var labels = times.Select(t => t.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)).ToList();
            if (labels.Distinct(StringComparer.Ordinal).Count() == labels.Count || format == formats[^1])
            {
                // Still alike at the finest format (a span under a second): each label once, where it first applies.
                return times.Zip(labels).Where((p, i) => i == 0 || !string.Equals(labels[i - 1], p.Second, StringComparison.Ordinal)).ToList();
            }
        }

        return [];
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
