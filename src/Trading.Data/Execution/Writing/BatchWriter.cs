using Npgsql;
using Trading.Engine.Execution;

namespace Trading.Data.Execution.Writing;

/// <summary>
/// Writes a batch's results as set-based statements (one unnest-ed INSERT or UPDATE per table, see
/// <see cref="BatchStatements"/>) sent in one round trip. Order and fill ids are drawn from their sequences first
/// because fills, ledger rows, trades and decisions point at them. Market orders filled on arrival (nearly all orders)
/// take a narrow insert; orders with working state take the full one; orders that were already working are updated,
/// guarded by the state they were loaded in.
/// </summary>
internal static class BatchWriter
{
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, IReadOnlyList<BatchResult> results,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var newOrders = results.Sum(r => r.Orders?.Count(o => OrderIds.IsProvisional(o.Id)) ?? 0);
        var newFills = results.Sum(r => r.Fills?.Count ?? 0);
        var (orderIds, fillIds) = await NextIdsAsync(connection, transaction, newOrders, newFills, cancellationToken);
        var rows = BatchRows.Build(batch, results, orderIds, fillIds);
        now = now.ToUniversalTime();

        await using var write = new NpgsqlBatch(connection, transaction);
        void Add<TRow>(WriteTable<TRow> table, string sql, List<TRow> list, params object[] scalars)
        {
            if (list.Count > 0)
            {
                write.BatchCommands.Add(table.Command(sql, list, scalars));
            }
        }

        Add(BatchTables.FilledOrders, BatchStatements.FilledOrders, rows.FilledOrders, now);
        Add(BatchTables.Orders, BatchStatements.Orders, rows.Orders, now);
        Add(BatchTables.Fills, BatchStatements.Fills, rows.Fills, now);
        Add(BatchTables.Ledger, BatchStatements.Ledger, rows.Ledger, now);
        var updatesAt = write.BatchCommands.Count;
        Add(BatchTables.OrderUpdates, BatchStatements.OrderUpdates, rows.OrderUpdates, now);
        Add(BatchTables.Trades, BatchStatements.Trades, rows.Trades);
        Add(BatchTables.TradeStats, BatchStatements.TradeStats, rows.Trades);
        Add(BatchTables.ChangedPositions, BatchStatements.DeletePositions, rows.ChangedPositions);
        Add(BatchTables.Positions, BatchStatements.Positions, rows.Positions, now);
        Add(BatchTables.Marks, BatchStatements.Marks, rows.Marks);
        Add(BatchTables.Cash, BatchStatements.Cash, rows.Cash);
        var decisionsAt = write.BatchCommands.Count;
        Add(BatchTables.Decisions, BatchStatements.Decisions, rows.Decisions);
        Add(BatchTables.Cancels, BatchStatements.Cancels, rows.Cancels);

        await write.ExecuteNonQueryAsync(cancellationToken);

        if (rows.OrderUpdates.Count > 0 && write.BatchCommands[updatesAt].RecordsAffected != rows.OrderUpdates.Count)
        {
            throw new InvalidOperationException(
                $"Expected to update {rows.OrderUpdates.Count} working orders, updated {write.BatchCommands[updatesAt].RecordsAffected}: " +
                "another writer changed them; the batch is rolled back.");
        }

        var finished = rows.Decisions.Count > 0 ? write.BatchCommands[decisionsAt].RecordsAffected : 0;
        if (finished != rows.Decisions.Count)
        {
            // Unreachable while the account lock is held; if it ever happens, nothing of this batch may commit.
            throw new InvalidOperationException(
                $"Expected to finish {rows.Decisions.Count} pending decisions, finished {finished}: " +
                "another writer changed them; the batch is rolled back.");
        }
    }

    private static async Task<(long[] Orders, long[] Fills)> NextIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int orders, int fills, CancellationToken cancellationToken)
    {
        if (orders == 0 && fills == 0)
        {
            return ([], []);
        }

        await using var command = new NpgsqlCommand(BatchStatements.NextIds, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = orders });
        command.Parameters.Add(new NpgsqlParameter { Value = fills });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<long[]>(reader.GetOrdinal("order_ids")), reader.GetFieldValue<long[]>(reader.GetOrdinal("fill_ids")));
    }
}
