namespace Trading.Strategies.Comparisons;

/// <summary>The figures of <see cref="ReturnSimilarity"/>.</summary>
public static class SimilarityMath
{
    /// <summary>The most instants each curve is sampled at for DTW (its cost grows with the square).</summary>
    public const int MaxPoints = 250;

    public static ReturnSimilarity Of(ComparisonSide backtest, ComparisonSide paper, AssessmentThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(thresholds);
        var a = DailyReturn.Of(backtest.InitialCapital, backtest.Equity).ToDictionary(r => r.Day, r => r.Return);
        var b = DailyReturn.Of(paper.InitialCapital, paper.Equity).ToDictionary(r => r.Day, r => r.Return);
        var days = a.Keys.Where(b.ContainsKey).Order().ToList();
        var correlation = days.Count >= 3 ? Correlation([.. days.Select(d => a[d])], [.. days.Select(d => b[d])]) : null;

        var (x, y) = Sample(backtest, paper);
        var dtw = x.Count > 0 ? Dtw(x, y) : (decimal?)null;
        return new ReturnSimilarity(
            correlation, days.Count, dtw, x.Count,
            correlation is { } c ? c >= thresholds.GoodCorrelation : null,
            dtw is { } d ? d <= thresholds.GoodDtwDistance : null);
    }

    /// <summary>Pearson's correlation, rounded to 4 places; null when either series does not vary.</summary>
    public static decimal? Correlation(IReadOnlyList<decimal> x, IReadOnlyList<decimal> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2)
        {
            throw new ArgumentException("correlation needs two series of the same length, at least 2");
        }

        var mx = x.Average();
        var my = y.Average();
        decimal sxy = 0m, sxx = 0m, syy = 0m;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0m && syy > 0m ? Math.Round(sxy / DecimalMath.Sqrt(sxx * syy), 4, MidpointRounding.AwayFromZero) : null;
    }

    /// <summary>
    /// DTW with |a − b| as the cost of matching two points, divided by the number of matched pairs on the cheapest path
    /// (ties: the shorter path), rounded to 6 places.
    /// </summary>
    public static decimal Dtw(IReadOnlyList<decimal> a, IReadOnlyList<decimal> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            throw new ArgumentException("DTW needs two non-empty series");
        }

        var cost = new decimal[a.Count, b.Count];
        var steps = new int[a.Count, b.Count];
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                var here = Math.Abs(a[i] - b[j]);
                if (i == 0 && j == 0)
                {
                    (cost[i, j], steps[i, j]) = (here, 1);
                    continue;
                }

                var best = (Cost: decimal.MaxValue, Steps: int.MaxValue);
                foreach (var (pi, pj) in new[] { (i - 1, j - 1), (i - 1, j), (i, j - 1) })
                {
                    if (pi >= 0 && pj >= 0 && (cost[pi, pj] < best.Cost || (cost[pi, pj] == best.Cost && steps[pi, pj] < best.Steps)))
                    {
                        best = (cost[pi, pj], steps[pi, pj]);
                    }
                }

                (cost[i, j], steps[i, j]) = (best.Cost + here, best.Steps + 1);
            }
        }

        return Math.Round(cost[a.Count - 1, b.Count - 1] / steps[a.Count - 1, b.Count - 1], 6, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Both cumulative-return curves at the same instants, evenly spaced over the period both cover (each curve's last
    /// value at or before the instant; its initial capital before its first point). Empty when the periods do not overlap.
    /// </summary>
    private static (List<decimal> Backtest, List<decimal> Paper) Sample(ComparisonSide backtest, ComparisonSide paper)
    {
        if (backtest.From is not { } f1 || paper.From is not { } f2 || backtest.To is not { } t1 || paper.To is not { } t2
            || backtest.InitialCapital <= 0m || paper.InitialCapital <= 0m)
        {
            return ([], []);
        }

        var from = f1 > f2 ? f1 : f2;
        var to = t1 < t2 ? t1 : t2;
        if (to < from)
        {
            return ([], []);
        }

        var count = to == from ? 1 : Math.Min(MaxPoints, Math.Max(backtest.Equity.Count, paper.Equity.Count));
        var instants = Enumerable.Range(0, count)
            .Select(k => count == 1 ? from : from + TimeSpan.FromTicks((to - from).Ticks / (count - 1) * k))
            .ToList();
        return (Curve(backtest, instants), Curve(paper, instants));
    }

    private static List<decimal> Curve(ComparisonSide side, List<DateTimeOffset> instants)
    {
        var points = side.Equity.OrderBy(p => p.Time).ToList();
        var values = new List<decimal>(instants.Count);
        var next = 0;
        var equity = side.InitialCapital;
        foreach (var instant in instants)
        {
            while (next < points.Count && points[next].Time <= instant)
            {
                equity = points[next++].Equity;
            }

            values.Add((equity / side.InitialCapital) - 1m);
        }

        return values;
    }
}
