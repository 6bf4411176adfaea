using Trading.Engine.Execution;
using Trading.Engine.Risk.Limits;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// The figures an account's risk limits are measured on, kept in simulated time as the database keeps them for paper:
/// orders counted per UTC day (reset at midnight), the day's starting equity (its first observation, else the last
/// before it) and the peak equity, from the equity observed at bar closes (paper: from its snapshots).
/// </summary>
internal sealed class BacktestRisk(IReadOnlyList<RiskLimit> limits)
{
    private static readonly Dictionary<string, int> None = [];
    private AccountRisk? current;
    private DateOnly day;
    private DateOnly? observedDay;
    private decimal? lastEquity;
    private decimal? dayStart;
    private decimal? peak;

    /// <summary>The risk state for an execution at <paramref name="now"/> (a new day starts its counts from zero).</summary>
    public AccountRisk For(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (current is null || today != day)
        {
            day = today;
            dayStart = observedDay == today ? dayStart : lastEquity;
            current = new AccountRisk(limits, 0, None, None, dayStart, peak);
        }

        return current;
    }

    public void Observe(DateTimeOffset time, decimal equity)
    {
        var date = DateOnly.FromDateTime(time.UtcDateTime);
        if (observedDay != date)
        {
            observedDay = date;
            dayStart = equity;
        }

        lastEquity = equity;
        peak = peak is { } p ? Math.Max(p, equity) : equity;
        if (current is not null && date == day)
        {
            current = current.WithEquity(dayStart, peak);
        }
    }
}
