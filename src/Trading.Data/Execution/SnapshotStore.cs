using Npgsql;

namespace Trading.Data.Execution;

/// <summary>
/// Mark-to-market: one row per account and interval bucket in paper_portfolio_snapshots, taken from the same view
/// users read, so snapshots and views can never disagree. Re-running within a bucket updates that bucket's row.
/// Accounts holding a symbol with no price yet are skipped rather than valued wrongly.
/// </summary>
public static class SnapshotStore
{
    // Taken before the overview is read: the snapshots' foreign keys would take the same locks at the end of their
    // statement anyway, but then a reset (reset_account, FOR UPDATE) committing in between would receive a snapshot of
    // the epoch it just closed. Locked first, either the reset finished and the snapshot sees the new epoch, or it waits.
    // One account per lock statement, in account order: Citus refuses a row lock over several accounts.
    private const string LockSql = """
        DO $$
        DECLARE
            account_name text;
        BEGIN
            FOREACH account_name IN ARRAY ARRAY(SELECT account FROM accounts ORDER BY account) LOOP
                PERFORM FROM accounts WHERE account = account_name FOR KEY SHARE;
            END LOOP;
        END
        $$
        """;

    // An account whose figures a snapshot column cannot hold (numeric(28,10): below 10^18 in magnitude) is left out and
    // named, never allowed to fail the one statement that snapshots every other account.
    private const string SnapshotSql = """
        WITH o AS (
            SELECT v.*,
                   GREATEST(abs(v.cash), abs(v.positions_value), abs(v.total_value), abs(v.gross_exposure), abs(v.unrealized_pnl),
                            abs(v.realized_pnl), abs(v.total_pnl), abs(COALESCE(v.total_pnl_pct, 0))) < 1e18 AS fits
            FROM v_paper_portfolio_overview v
            WHERE v.unpriced_positions = 0
        ), written AS (
            INSERT INTO paper_portfolio_snapshots AS s (time, account, epoch, cash, positions_value, total_value, gross_exposure,
                                                        unrealized_pnl, realized_pnl, total_pnl, total_pnl_pct, num_positions)
            SELECT date_bin($1::interval, $2::timestamptz, timestamptz '2000-01-01 00:00:00+00'), o.account, o.epoch, o.cash,
                   o.positions_value, o.total_value, o.gross_exposure, o.unrealized_pnl, o.realized_pnl, o.total_pnl,
                   COALESCE(o.total_pnl_pct, 0), o.num_positions
            FROM o
            WHERE o.fits
            ORDER BY o.account
            ON CONFLICT (account, epoch, time) DO UPDATE
            SET cash = EXCLUDED.cash, positions_value = EXCLUDED.positions_value, total_value = EXCLUDED.total_value,
                gross_exposure = EXCLUDED.gross_exposure, unrealized_pnl = EXCLUDED.unrealized_pnl,
                realized_pnl = EXCLUDED.realized_pnl, total_pnl = EXCLUDED.total_pnl, total_pnl_pct = EXCLUDED.total_pnl_pct,
                num_positions = EXCLUDED.num_positions
            RETURNING s.account, s.epoch, s.time, s.total_value, s.xmax <> 0 AS replaced -- an updated row version carries the updater's xmax
        )
        SELECT w.account, w.time, w.total_value, w.replaced, w.epoch
        FROM written w
        UNION ALL
        SELECT account, NULL, NULL, false, NULL FROM o WHERE NOT o.fits
        """;

    // The read-side aggregates (daily equity, curve peak and drawdown) move with the snapshots, in their transaction.
    private const string AggregatesSql = "SELECT paper_add_snapshots($1::text[], $2::integer[], $3::timestamptz[], $4::numeric[])";

    // A bucket written again loses its earlier mark, which the aggregates above had already folded in: the peak and
    // drawdown of those accounts are rebuilt from the stored curve, so the view says what the curve shows (0018).
    private const string RebuildSql = "SELECT paper_rebuild_drawdown($1::text[])";

    // A new high sets the account's peak (max_drawdown's reference). Its own transaction: it takes account rows, which
    // running batches hold, and must never do so while holding the stats rows those batches want next. The snapshot must
    // still be of the account's current epoch: after a reset in between its value is no peak of the new epoch.
    private const string PeakSql = """
        UPDATE accounts a SET peak_equity = v.value
        FROM unnest($1::text[], $2::numeric[], $3::timestamptz[], $4::integer[]) AS v(account, value, time, epoch)
        WHERE a.account = v.account AND a.epoch = v.epoch AND v.value > COALESCE(a.peak_equity, a.initial_capital)
          AND EXISTS (SELECT 1 FROM paper_portfolio_snapshots s
                      WHERE s.account = v.account AND s.epoch = v.epoch AND s.time = v.time AND s.total_value = v.value)
        """;

    /// <summary>
    /// Writes the snapshots of every account for the bucket containing <paramref name="now"/>; says how many accounts
    /// reached a new equity peak, and which could not be snapshot because their figures are beyond what a snapshot holds.
    /// </summary>
    public static async Task<SnapshotResult> WriteAsync(
        NpgsqlDataSource dataSource, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var accounts = new List<string>();
        var epochs = new List<int>();
        var times = new List<DateTimeOffset>();
        var values = new List<decimal>();
        var beyond = new List<string>();
        var replaced = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var locks = new NpgsqlCommand(LockSql, connection, transaction))
            {
                await locks.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var snapshot = new NpgsqlCommand(SnapshotSql, connection, transaction))
            {
                snapshot.Parameters.Add(new NpgsqlParameter { Value = interval });
                snapshot.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
                await using var reader = await snapshot.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.IsDBNull(1))
                    {
                        beyond.Add(reader.GetString(0));
                        continue;
                    }

                    accounts.Add(reader.GetString(0));
                    if (reader.GetBoolean(3))
                    {
                        replaced.Add(reader.GetString(0));
                    }

                    epochs.Add(reader.GetInt32(4));
                    times.Add(reader.GetFieldValue<DateTimeOffset>(1));
                    values.Add(reader.GetDecimal(2));
                }
            }

            await using (var aggregates = new NpgsqlCommand(AggregatesSql, connection, transaction))
            {
                aggregates.Parameters.Add(new NpgsqlParameter { Value = accounts.ToArray() });
                aggregates.Parameters.Add(new NpgsqlParameter { Value = epochs.ToArray() });
                aggregates.Parameters.Add(new NpgsqlParameter { Value = times.ToArray() });
                aggregates.Parameters.Add(new NpgsqlParameter { Value = values.ToArray() });
                await aggregates.ExecuteNonQueryAsync(cancellationToken);
            }

            if (replaced.Count > 0)
            {
                await using var rebuild = new NpgsqlCommand(RebuildSql, connection, transaction);
                rebuild.Parameters.Add(new NpgsqlParameter { Value = replaced.ToArray() });
                await rebuild.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await using var peaks = new NpgsqlCommand(PeakSql, connection);
        peaks.Parameters.Add(new NpgsqlParameter { Value = accounts.ToArray() });
        peaks.Parameters.Add(new NpgsqlParameter { Value = values.ToArray() });
        peaks.Parameters.Add(new NpgsqlParameter { Value = times.ToArray() });
        peaks.Parameters.Add(new NpgsqlParameter { Value = epochs.ToArray() });
        return new SnapshotResult(await peaks.ExecuteNonQueryAsync(cancellationToken), beyond);
    }
}
