using System.Globalization;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// What <see cref="PerformanceQuery"/> reads: the trades (net_pnl, fees, hold_duration, exit_time), the equity snapshots
/// (time, total_value) and the initial capital of an account, or of a stored backtest run. $1 is <see cref="Key"/>.
/// </summary>
public sealed record PerformanceSource(string Name, string Key, string Trades, string Snapshots, string Capital)
{
    // An account's figures are those of its current epoch, as v_paper_performance_metrics'.
    private const string CurrentEpoch = "epoch = (SELECT a.epoch FROM accounts a WHERE a.account = $1)";

    public static PerformanceSource Account(string account) => new(
        account,
        account,
        $"(SELECT net_pnl, fees, hold_duration, exit_time FROM paper_trades WHERE account = $1 AND {CurrentEpoch}) AS source",
        $"(SELECT time, total_value FROM paper_portfolio_snapshots WHERE account = $1 AND {CurrentEpoch}) AS source",
        "(SELECT initial_capital FROM accounts WHERE account = $1)");

    public static PerformanceSource Backtest(long run, string name) => new(
        name,
        run.ToString(CultureInfo.InvariantCulture),
        "(SELECT net_pnl, fees, hold_duration, exit_time FROM backtest_trades WHERE run_id = $1::bigint) AS source",
        "(SELECT time, equity AS total_value FROM backtest_equity WHERE run_id = $1::bigint) AS source",
        "(SELECT initial_capital FROM backtest_runs WHERE run_id = $1::bigint)");

    /// <summary>The query with this source's relations in place of {0} (trades), {1} (snapshots) and {2} (capital).</summary>
    public string Apply(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Replace("{0}", Trades, StringComparison.Ordinal)
            .Replace("{1}", Snapshots, StringComparison.Ordinal)
            .Replace("{2}", Capital, StringComparison.Ordinal);
    }
}
