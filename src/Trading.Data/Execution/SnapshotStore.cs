using Npgsql;

namespace Trading.Data.Execution;

/// <summary>
/// Mark-to-market: one row per account and interval bucket in paper_portfolio_snapshots, taken from the same view
/// users read, so snapshots and views can never disagree. Re-running within a bucket updates that bucket's row.
/// Accounts holding a symbol with no price yet are skipped rather than valued wrongly.
/// </summary>
public static class SnapshotStore
{
    private const string Sql = """
        WITH snap AS (
        INSERT INTO paper_portfolio_snapshots AS s (time, account, cash, positions_value, total_value, gross_exposure,
                                                    unrealized_pnl, realized_pnl, total_pnl, total_pnl_pct, num_positions)
        SELECT date_bin($1::interval, $2::timestamptz, timestamptz '2000-01-01 00:00:00+00'), o.account, o.cash,
               o.positions_value, o.total_value, o.gross_exposure, o.unrealized_pnl, o.realized_pnl, o.total_pnl,
               o.total_pnl_pct, o.num_positions
        FROM v_paper_portfolio_overview o
        WHERE o.unpriced_positions = 0
        ON CONFLICT (account, time) DO UPDATE
        SET cash = EXCLUDED.cash, positions_value = EXCLUDED.positions_value, total_value = EXCLUDED.total_value,
            gross_exposure = EXCLUDED.gross_exposure, unrealized_pnl = EXCLUDED.unrealized_pnl,
            realized_pnl = EXCLUDED.realized_pnl, total_pnl = EXCLUDED.total_pnl, total_pnl_pct = EXCLUDED.total_pnl_pct,
            num_positions = EXCLUDED.num_positions
        RETURNING s.account, s.time, s.total_value
        )
        , peaks AS (
            -- A new high sets the account's peak (max_drawdown's reference); only then is the account row touched.
            UPDATE accounts a SET peak_equity = snap.total_value
            FROM snap
            WHERE a.account = snap.account AND snap.total_value > COALESCE(a.peak_equity, a.initial_capital)
            RETURNING a.account
        )
        -- The read-side aggregates (daily equity, curve peak and drawdown) move with the snapshots.
        SELECT (SELECT count(*)::int FROM peaks),
               paper_add_snapshots(array_agg(snap.account), array_agg(snap.time), array_agg(snap.total_value))
        FROM snap
        """;

    /// <summary>
    /// Writes the snapshots of every account for the bucket containing <paramref name="now"/>; returns how many
    /// accounts reached a new equity peak.
    /// </summary>
    public static async Task<int> WriteAsync(
        NpgsqlDataSource dataSource, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = interval });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        return (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 0);
    }
}
