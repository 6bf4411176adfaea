namespace Trading.Strategies.Comparisons;

/// <summary>
/// How far paper may stray from the backtest before a figure counts as significantly worse or better, and what the
/// return-path similarity must reach to be called good. Every value is an absolute tolerance on paper − backtest
/// except <see cref="ProfitFactorRatio"/>, which is relative to the backtest's profit factor.
/// </summary>
public sealed record AssessmentThresholds
{
    /// <summary>Win rate, in percentage points (default 10: 62 % vs 52 % is still a match, 51 % is not).</summary>
    public decimal WinRatePoints { get; init; } = 10m;

    /// <summary>Profit factor, as a fraction of the backtest's (default 0.25: 1.8 vs 1.35 .. 2.25 is a match).</summary>
    public decimal ProfitFactorRatio { get; init; } = 0.25m;

    /// <summary>Max drawdown, in percentage points of equity (default 5: −8 % vs −13 % is still a match).</summary>
    public decimal DrawdownPoints { get; init; } = 5m;

    /// <summary>Sharpe ratio, in units of the (annualised) ratio (default 0.5).</summary>
    public decimal SharpeDifference { get; init; } = 0.5m;

    /// <summary>Fewer paper trades than this: the assessment warns that the sample is short (default 20).</summary>
    public int MinimumTrades { get; init; } = 20;

    /// <summary>A correlation of daily returns at or above this is good (default 0.9).</summary>
    public decimal GoodCorrelation { get; init; } = 0.9m;

    /// <summary>A normalised DTW distance at or below this is good (default 0.01: one point of return on average).</summary>
    public decimal GoodDtwDistance { get; init; } = 0.01m;

    /// <summary>The values, named, for a report: what the verdict was measured against.</summary>
    public IReadOnlyDictionary<string, decimal> Describe() => new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["win_rate_points"] = WinRatePoints,
        ["profit_factor_ratio"] = ProfitFactorRatio,
        ["drawdown_points"] = DrawdownPoints,
        ["sharpe_difference"] = SharpeDifference,
        ["minimum_trades"] = MinimumTrades,
        ["good_correlation"] = GoodCorrelation,
        ["good_dtw_distance"] = GoodDtwDistance,
    };

    /// <summary>Refuses a negative tolerance (a figure could never match) with the name of the value.</summary>
    public AssessmentThresholds Validated()
    {
        foreach (var (name, value) in Describe())
        {
            if (value < 0m)
            {
                throw new ArgumentException($"the assessment threshold {name} must be 0 or more, got {value}");
            }
        }

        return GoodCorrelation > 1m ? throw new ArgumentException($"good_correlation is at most 1, got {GoodCorrelation}") : this;
    }
}
