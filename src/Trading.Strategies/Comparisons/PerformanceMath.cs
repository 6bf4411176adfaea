namespace Trading.Strategies.Comparisons;

/// <summary>The figures of <see cref="SideMetrics"/> from a side's trades, equity curve and fills.</summary>
public static class PerformanceMath
{
    private static readonly decimal AnnualisationFactor = DecimalMath.Sqrt(365m);

    public static SideMetrics Of(ComparisonSide side)
    {
        ArgumentNullException.ThrowIfNull(side);
        var trades = side.Trades;
        var wins = trades.Where(t => t.NetPnl > 0m).ToList();
        var losses = trades.Where(t => t.NetPnl < 0m).ToList();
        var total = trades.Sum(t => t.NetPnl);
        var grossWins = wins.Sum(t => t.NetPnl);
        var grossLosses = losses.Sum(t => t.NetPnl);

        var (ddPct, dd) = MaxDrawdown(side.Equity);
        var returns = DailyReturn.Of(side.InitialCapital, side.Equity).Select(r => r.Return).ToList();
        var notional = side.Fills.Sum(f => Math.Abs(f.Notional));
        var slippage = side.Fills.Sum(f => f.SlippageCost);
        var end = side.Equity.Count > 0 ? side.Equity[^1].Equity : (decimal?)null;

        return new SideMetrics(
            trades.Count,
            wins.Count,
            losses.Count,
            trades.Count > 0 ? Round((decimal)wins.Count / trades.Count * 100m, 2) : null,
            grossWins > 0m && grossLosses < 0m ? Round(grossWins / -grossLosses, 4) : null,
            trades.Count > 0 ? Round(total / trades.Count, 10) : null,
            total,
            trades.Sum(t => t.Fees),
            ddPct,
            dd,
            Sharpe(returns),
            Sortino(returns),
            returns.Count,
            slippage,
            notional > 0m ? Round(slippage / notional * 10_000m, 4) : null,
            end is { } e && side.InitialCapital > 0m ? Round((e - side.InitialCapital) / side.InitialCapital * 100m, 4) : null);
    }

    /// <summary>The deepest fall from the running peak: (percent rounded to 4 places, amount), both ≤ 0.</summary>
    public static (decimal Pct, decimal Amount) MaxDrawdown(IReadOnlyList<EquityValue> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        decimal? peak = null;
        var pct = 0m;
        var amount = 0m;
        foreach (var point in equity.OrderBy(p => p.Time))
        {
            peak = peak is { } p && p >= point.Equity ? p : point.Equity;
            if (peak > 0m)
            {
                pct = Math.Min(pct, Round((point.Equity - peak.Value) / peak.Value * 100m, 4));
            }

            amount = Math.Min(amount, point.Equity - peak.Value);
        }

        return (pct, amount);
    }

    /// <summary>Mean over sample standard deviation × √365; null under two days or with no variation.</summary>
    public static decimal? Sharpe(IReadOnlyList<decimal> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (returns.Count < 2)
        {
            return null;
        }

        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1);
        return variance > 0m ? Round(mean / DecimalMath.Sqrt(variance) * AnnualisationFactor, 4) : null;
    }

    /// <summary>Mean over downside deviation (root mean square of the negative returns, zeros for the rest) × √365.</summary>
    public static decimal? Sortino(IReadOnlyList<decimal> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (returns.Count < 2)
        {
            return null;
        }

        var downside = DecimalMath.Sqrt(returns.Sum(r => r < 0m ? r * r : 0m) / returns.Count);
        return downside > 0m ? Round(returns.Average() / downside * AnnualisationFactor, 4) : null;
    }

    private static decimal Round(decimal value, int places) => Math.Round(value, places, MidpointRounding.AwayFromZero);
}
