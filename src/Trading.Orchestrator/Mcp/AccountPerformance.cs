using Trading.Orchestrator.Cli;
using Trading.Orchestrator.Reports;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// An account's whole-history performance from the views an agent may read: v_paper_performance_metrics (the figures
/// <see cref="PerformanceQuery"/> gives without a window, which reads tables an agent may not) and v_paper_equity_curve
/// for the span the gates count in days. With the promotion gates of <see cref="PromotionGates"/>.
/// </summary>
public static class AccountPerformance
{
    private const string Sql = """
        SELECT m.total_trades, m.winning_trades, m.losing_trades, m.win_rate, m.total_pnl, m.total_fees, m.avg_win, m.avg_loss,
               m.profit_factor, m.expectancy, m.avg_trade_duration, m.trades_per_day, m.sharpe_ratio, m.sortino_ratio,
               m.max_drawdown_pct, m.max_drawdown, m.days_with_snapshots,
               COALESCE(round(EXTRACT(EPOCH FROM (c.last_time - c.first_time)) / 86400, 2), 0),
               c.start_value, c.end_value, round((c.end_value - c.start_value) / NULLIF(c.start_value, 0) * 100, 4)
        FROM v_paper_performance_metrics m
        LEFT JOIN LATERAL (
            SELECT min(e.time) AS first_time, max(e.time) AS last_time,
                   (array_agg(e.total_value ORDER BY e.time))[1] AS start_value,
                   (array_agg(e.total_value ORDER BY e.time DESC))[1] AS end_value
            FROM v_paper_equity_curve e
            WHERE e.account = m.account
        ) c ON true
        WHERE m.account = $1
        """;

    public static async Task<PerformanceReport> ReadAsync(AgentDatabase database, string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.DataSource.CreateCommand(Sql);
        command.Parameters.Add(CliParameters.Text(account));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw AccountTools.UnknownAccount(account);
        }

        decimal? D(int i) => reader.IsDBNull(i) ? null : CliRows.Trim(reader.GetDecimal(i));
        var metrics = new PerformanceMetrics(
            account, null, null,
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), D(3), D(4)!.Value, D(5)!.Value, D(6), D(7), D(8), D(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<TimeSpan>(10), D(11), D(12), D(13), D(14)!.Value, D(15)!.Value,
            reader.GetInt64(16), D(17)!.Value, D(18), D(19), D(20));
        var gates = PromotionGates.Evaluate(metrics, new GateThresholds());
        return new PerformanceReport(metrics, gates, gates.All(g => g.Passed));
    }
}
