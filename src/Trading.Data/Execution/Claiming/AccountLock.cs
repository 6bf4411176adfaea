using Npgsql;
using NpgsqlTypes;
using Trading.Data.Execution.Reading;

namespace Trading.Data.Execution.Claiming;

/// <summary>Step 1 of a claim: lock the accounts that have work, the one whose work has waited longest first.</summary>
internal static class AccountLock
{
    // An account has work when it has a pending decision, a pending cancel request, or a working order that a newer
    // quote (or its expiry) has reached. The account whose work has waited longest goes first (a working order waits
    // since the last quote it met), so no account starves. Two steps in one statement: the candidates are found without
    // locks, then lock_accounts locks them one account at a time (SKIP LOCKED) up to the batch size. Citus refuses a row
    // lock over several accounts and a recursive scan across shards; every read here keeps to one account's rows (each
    // join has `account`), so on Citus each part runs on the workers, and on one server the pending index is probed once
    // per account (the accounts table is small next to the decisions), the newest quote once per symbol with orders.
    private static readonly string Sql = $"""
        WITH latest AS MATERIALIZED (
            SELECT s.symbol, (SELECT max(m.time) FROM market_prices m WHERE m.symbol = s.symbol AND m.time <= $3) AS time
            FROM (SELECT DISTINCT o.symbol FROM paper_orders o WHERE o.status IN {SqlText.WorkingOrderStatuses}) s
        ), work AS (
            SELECT a.account, d.created_at AS since, false AS cancel
            FROM accounts a
            CROSS JOIN LATERAL (
                SELECT d.created_at FROM trading_decisions d
                WHERE d.account = a.account AND d.status = 'pending'
                ORDER BY d.id
                LIMIT 1
            ) d
            WHERE $2::text[] IS NULL OR a.account = ANY ($2)
            UNION ALL
            SELECT c.account, c.requested_at, true FROM paper_cancel_requests c WHERE c.status = 'pending'
            UNION ALL
            SELECT o.account, LEAST(GREATEST(o.evaluated_through, m.evaluated_through), o.expires_at), false
            FROM paper_orders o
            JOIN latest l ON l.symbol = o.symbol
            LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
            WHERE o.status IN {SqlText.WorkingOrderStatuses}
              AND (o.expires_at <= $3 OR GREATEST(o.evaluated_through, m.evaluated_through) < l.time)
        ), candidates AS MATERIALIZED (
            SELECT account, min(since) AS since, bool_or(cancel) AS has_cancels FROM work
            WHERE $2::text[] IS NULL OR account = ANY ($2)
            GROUP BY account
        )
        SELECT l.account, l.account = ANY (ARRAY(SELECT c.account FROM candidates c WHERE c.has_cancels)) AS has_cancels
        FROM lock_accounts(ARRAY(SELECT c.account FROM candidates c ORDER BY c.since, c.account), $1) AS l(account)
        """;

    /// <summary>Locks up to <paramref name="maxAccounts"/> accounts with work (optionally only those named): their names into the state.</summary>
    public static async Task LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxAccounts, IReadOnlyCollection<string>? onlyAccounts,
        ClaimState state, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(Sql, connection, transaction);
        claim.Parameters.Add(new NpgsqlParameter { Value = maxAccounts });
        claim.Parameters.Add(new NpgsqlParameter { Value = (object?)onlyAccounts?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        claim.Parameters.Add(new NpgsqlParameter { Value = state.Now.ToUniversalTime() });
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            state.Locked.Add(row.Text("account")); // the settings are read with the account's state, after the lock
            state.AnyCancels |= row.Boolean("has_cancels");
        }
    }
}
