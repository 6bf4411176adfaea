using Npgsql;
using Trading.Data.Execution.Claiming;
using Trading.Data.Execution.Reading;
using Trading.Data.Execution.Writing;
using Trading.Engine.Execution;

namespace Trading.Data.Execution;

/// <summary>
/// The database side of one execution transaction: claim accounts (row lock, SKIP LOCKED), load their pending
/// decisions, positions, quotes and instruments; afterwards write orders, fills, trades, ledger, positions, cash and
/// decision outcomes. The caller owns the transaction: everything here is all-or-nothing with it. Each step has its
/// own file: Claiming/ (lock, account state, market, latency; <see cref="ClaimLoader"/> runs them) and Writing/
/// (the declared tables and the batch writer).
/// </summary>
public static class ExecutionStore
{
    /// <summary>The most quotes per symbol one batch matches working orders against.</summary>
    public const int PathSliceLength = MarketRead.PathSliceLength;

    /// <summary>
    /// Locks up to <paramref name="maxAccounts"/> accounts with pending decisions (optionally only those named) and
    /// loads what executing their oldest <paramref name="decisionsPerAccount"/> decisions needs. The batch's execution
    /// time (<see cref="ClaimedBatch.Now"/>) is read once the accounts are locked and is never earlier than a claimed
    /// decision's creation: a claim that waited on a lock cannot fill at a quote superseded while it waited.
    /// </summary>
    /// <exception cref="ClaimFailedException">Loading failed after accounts were locked; says which, and the decisions read.</exception>
    public static async Task<ClaimedBatch> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxAccounts, int decisionsPerAccount,
        IReadOnlyCollection<string>? onlyAccounts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var state = new ClaimState(time.GetUtcNow()); // which accounts have work: working orders reached by quotes up to now
        try
        {
            return await ClaimLoader.LoadAsync(connection, transaction, maxAccounts, decisionsPerAccount, onlyAccounts, time, state, cancellationToken);
        }
        catch (Exception e) when (state.Locked.Count > 0 && e is not OperationCanceledException)
        {
            // Whatever failed (a value the engine cannot read, a transient error), the caller must know what was held:
            // a deterministic failure is then isolated to its account like a failed batch, not retried blindly forever.
            throw new ClaimFailedException([.. state.Locked], [.. state.DecisionIds], e);
        }
    }

    /// <summary>Writes the engine's results for the batch and marks every claimed decision terminal.</summary>
    public static Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, IReadOnlyList<BatchResult> results,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        BatchWriter.WriteAsync(connection, transaction, batch, results, now, cancellationToken);

    private const string PendingIdsSql = """
        SELECT d.id
        FROM accounts a
        CROSS JOIN LATERAL (
            SELECT d.id FROM trading_decisions d WHERE d.account = a.account AND d.status = 'pending' ORDER BY d.id LIMIT $2
        ) d
        WHERE a.account = ANY ($1)
        ORDER BY d.id
        """;

    /// <summary>The oldest pending decisions of the accounts (those a claim of them would execute), outside any claim.</summary>
    public static async Task<IReadOnlyList<long>> PendingDecisionIdsAsync(
        NpgsqlConnection connection, IReadOnlyList<string> accounts, int perAccount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await using var command = new NpgsqlCommand(PendingIdsSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = accounts.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perAccount });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(row.Int64("id"));
        }

        return ids;
    }
}
