using System.Data.Common;
using System.Globalization;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>The account's settings and risk limits as the report lists them: the conditions that produced its figures.</summary>
public static class ReportSettings
{
    /// <summary>From a row of accounts with the columns <see cref="ReportQuery"/> selects, in its order.</summary>
    public static List<ReportSetting> FromAccountRow(DbDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var currency = row.GetString(1);
        decimal? N(int i) => row.IsDBNull(i) ? null : row.GetDecimal(i);
        string Rate(int i) => N(i) is { } v ? DisplayNumber.Percent(v * 100) : "-";
        string Interval(int i) => row.IsDBNull(i) ? "-" : CliOutput.Duration(row.GetFieldValue<TimeSpan>(i));
        string Flag(int i) => row.GetBoolean(i) ? "yes" : "no";
        return
        [
            new("Initial capital", $"{DisplayNumber.Money(N(0), currency)} {currency}"),
            new("Fee (taker; maker)", $"{Rate(2)} of notional; {(row.IsDBNull(3) ? "same" : Rate(3))}, at least {DisplayNumber.Money(N(4), currency)}"),
            new("Slippage", $"{row.GetString(5)}, {Rate(6)} of the price"),
            new("Spread (when a quote has only a last price)", $"{Rate(7)} of the mid"),
            new("Latency; quotes older than this are stale", $"{Interval(8)}; {Interval(15)}"),
            new("Fill probability", DisplayNumber.Percent(N(9) * 100)),
            new("Leverage; shorting; partial sizes", $"{DisplayNumber.Figure(N(10))}x; {Flag(11)}; {Flag(12)}"),
            new("Largest position", $"{DisplayNumber.Percent(N(13) * 100)} of equity"),
            new("Confidence threshold", DisplayNumber.Figure(N(14))),
            new("Default stop loss; take profit", $"{(N(16) is { } sl ? DisplayNumber.Percent(sl) : "none")}; {(N(17) is { } tp ? DisplayNumber.Percent(tp) : "none")}"),
            new("Random seed", row.GetInt64(18).ToString(CultureInfo.InvariantCulture)),
            new("Epoch", $"{row.GetValue(19)} since {row.GetFieldValue<DateTimeOffset>(20).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"),
        ];
    }

    /// <summary>From a row of paper_risk_limits (kind, threshold, agent, symbol, login).</summary>
    public static ReportSetting FromRiskLimitRow(DbDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var scope = string.Join(", ", new[] { (2, "agent"), (3, "symbol"), (4, "login") }
            .Where(c => !row.IsDBNull(c.Item1)).Select(c => $"{c.Item2} {row.GetString(c.Item1)}"));
        return new($"Risk limit {row.GetString(0)}{(scope.Length == 0 ? string.Empty : $" ({scope})")}",
            CliRows.Trim(row.GetDecimal(1)).ToString(CultureInfo.InvariantCulture));
    }
}
