using Npgsql;
using NpgsqlTypes;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// Performance metrics and the equity curve of one account within [from, to). Trades count by exit time; daily
/// returns are those of v_paper_daily_pnl (each UTC day's last snapshot against the previous day's, the first day
/// against the initial capital) for the days in the window; the drawdown peak restarts at the window's start.
/// With no window the figures equal v_paper_performance_metrics: both take their ratios (win rate, profit factor,
/// expectancy, trades per day, Sharpe, Sortino) from the SQL function performance_ratios (db/repeatable). The same
/// query reads a backtest run's trades and equity (<see cref="PerformanceSource"/>), so a run's figures are computed
/// exactly as an account's.
/// </summary>
public static class PerformanceQuery
{
    private const string MetricsTemplate = """
        WITH t AS (
            SELECT count(*)                                   AS total_trades,
                   count(*) FILTER (WHERE net_pnl > 0)        AS winning_trades,
                   count(*) FILTER (WHERE net_pnl < 0)        AS losing_trades,
                   COALESCE(sum(net_pnl), 0)                  AS total_pnl,
                   COALESCE(sum(fees), 0)                     AS total_fees,
                   avg(net_pnl) FILTER (WHERE net_pnl > 0)    AS avg_win,
                   avg(net_pnl) FILTER (WHERE net_pnl < 0)    AS avg_loss,
                   sum(net_pnl) FILTER (WHERE net_pnl > 0)    AS gross_wins,
                   sum(net_pnl) FILTER (WHERE net_pnl < 0)    AS gross_losses,
                   avg(hold_duration)                         AS avg_duration,
                   min(exit_time)                             AS first_exit,
                   max(exit_time)                             AS last_exit
            FROM {0}
            WHERE ($2::timestamptz IS NULL OR exit_time >= $2) AND ($3::timestamptz IS NULL OR exit_time < $3)
        ), closes AS (
            SELECT DISTINCT ON ((time AT TIME ZONE 'UTC')::date) (time AT TIME ZONE 'UTC')::date AS day, total_value
            FROM {1}
            WHERE ($3::timestamptz IS NULL OR time < $3)
            ORDER BY (time AT TIME ZONE 'UTC')::date, time DESC
        ), days AS (
            SELECT day, total_value AS closing,
                   COALESCE(lag(total_value) OVER (ORDER BY day), {2}) AS opening
            FROM closes
        ), returns AS (
            SELECT round((closing - opening) / opening * 100, 4) / 100 AS r
            FROM days
            WHERE $2::timestamptz IS NULL OR day >= ($2::timestamptz AT TIME ZONE 'UTC')::date
        ), r AS (
            SELECT array_agg(r) AS daily_returns
            FROM returns
        ), curve AS (
            SELECT time, total_value, max(total_value) OVER (ORDER BY time) AS peak
            FROM {1}
            WHERE ($2::timestamptz IS NULL OR time >= $2) AND ($3::timestamptz IS NULL OR time < $3)
        ), dd AS (
            SELECT min(round((total_value - peak) / peak * 100, 4)) AS max_dd_pct, min(total_value - peak) AS max_dd,
                   min(time) AS first_time, max(time) AS last_time,
                   (array_agg(total_value ORDER BY time))[1] AS start_value,
                   (array_agg(total_value ORDER BY time DESC))[1] AS end_value
            FROM curve
        )
        SELECT t.total_trades, t.winning_trades, t.losing_trades, m.win_rate,
               t.total_pnl, t.total_fees, round(t.avg_win, 10), round(t.avg_loss, 10),
               m.profit_factor, m.expectancy, t.avg_duration, m.trades_per_day, m.sharpe_ratio, m.sortino_ratio,
               COALESCE(dd.max_dd_pct, 0), COALESCE(dd.max_dd, 0), m.days,
               COALESCE(round(EXTRACT(EPOCH FROM (dd.last_time - dd.first_time)) / 86400, 2), 0),
               dd.start_value, dd.end_value,
               round((dd.end_value - dd.start_value) / NULLIF(dd.start_value, 0) * 100, 4)
        FROM t, r, dd,
             performance_ratios(t.total_trades, t.winning_trades, t.total_pnl, t.gross_wins, t.gross_losses,
                                t.first_exit, t.last_exit, r.daily_returns) m
        """;

    private const string CurveTemplate = """
        SELECT time, total_value,
               total_value - max(total_value) OVER w                                      AS drawdown,
               round((total_value - max(total_value) OVER w) / max(total_value) OVER w * 100, 4) AS drawdown_pct
        FROM {1}
        WHERE ($2::timestamptz IS NULL OR time >= $2) AND ($3::timestamptz IS NULL OR time < $3)
        WINDOW w AS (ORDER BY time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        ORDER BY time
        """;

    public static Task<PerformanceMetrics> MetricsAsync(NpgsqlDataSource dataSource, string account, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        MetricsAsync(dataSource, PerformanceSource.Account(account), from, to, cancellationToken);

    public static Task<List<EquityPoint>> CurveAsync(NpgsqlDataSource dataSource, string account, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        CurveAsync(dataSource, PerformanceSource.Account(account), from, to, cancellationToken);

    public static async Task<PerformanceMetrics> MetricsAsync(NpgsqlDataSource dataSource, PerformanceSource source, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var account = source.Name;
        await using var command = Command(dataSource, source.Apply(MetricsTemplate), source.Key, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        decimal? D(int i) => reader.IsDBNull(i) ? null : CliRows.Trim(reader.GetDecimal(i));
        return new PerformanceMetrics(
            account, from, to,
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), D(3), D(4)!.Value, D(5)!.Value, D(6), D(7), D(8), D(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<TimeSpan>(10), D(11), D(12), D(13), D(14)!.Value, D(15)!.Value,
            reader.GetInt64(16), D(17)!.Value, D(18), D(19), D(20));
    }

    public static async Task<List<EquityPoint>> CurveAsync(NpgsqlDataSource dataSource, PerformanceSource source, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var command = Command(dataSource, source.Apply(CurveTemplate), source.Key, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<EquityPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new EquityPoint(reader.GetFieldValue<DateTimeOffset>(0), CliRows.Trim(reader.GetDecimal(1)),
                CliRows.Trim(reader.GetDecimal(2)), CliRows.Trim(reader.GetDecimal(3))));
        }

        return points;
    }

    private static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, string account, DateTimeOffset? from, DateTimeOffset? to)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = account });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = from is { } f ? f.UtcDateTime : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = to is { } t ? t.UtcDateTime : DBNull.Value });
        return command;
    }
}
