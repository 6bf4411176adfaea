namespace Trading.Strategies.Comparisons;

/// <summary>
/// One UTC day's return as v_paper_daily_pnl defines it: the day's last equity against the previous day's last (the
/// first day against the initial capital), as a fraction rounded like the view's return_pct (4 places of a percent).
/// </summary>
public readonly record struct DailyReturn(DateOnly Day, decimal Return)
{
    public static IReadOnlyList<DailyReturn> Of(decimal initialCapital, IReadOnlyList<EquityValue> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        var closes = equity
            .GroupBy(p => DateOnly.FromDateTime(p.Time.UtcDateTime))
            .OrderBy(g => g.Key)
            .Select(g => (Day: g.Key, Close: g.OrderBy(p => p.Time).Last().Equity));
        var returns = new List<DailyReturn>();
        var opening = initialCapital;
        foreach (var (day, close) in closes)
        {
            if (opening > 0m)
            {
                returns.Add(new DailyReturn(day, Math.Round((close - opening) / opening * 100m, 4, MidpointRounding.AwayFromZero) / 100m));
            }

            opening = close;
        }

        return returns;
    }
}
