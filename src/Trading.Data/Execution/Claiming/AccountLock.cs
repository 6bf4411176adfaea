using Npgsql;
using NpgsqlTypes;
using Trading.Data.Execution.Reading;

namespace Trading.Data.Execution.Claiming;

/// <summary>Step 1 of a claim: lock the accounts that have work, the one whose work has waited longest first.</summary>
internal static class AccountLock
{
    // FOR NO KEY UPDATE, not FOR UPDATE: agents' inserts take FOR KEY SHARE on the account through the foreign key,
    // and must not wait for a batch in flight. An account has work when it has a pending decision, a pending cancel
    // request, or a working order that a newer quote (or its expiry) has reached. The account whose work has waited
    // longest goes first (a working order waits since the last quote it met), so no account starves.
    // The candidates come from the work itself, never from a scan of all accounts: a skip scan of the pending index
    // gives each account's oldest pending decision (one probe per account with work), the newest quote is looked up
    // once per symbol with working orders. Idle accounts cost a claim nothing.
    private static readonly string Sql = $"""
        WITH RECURSIVE pending AS (
            (SELECT d.account, d.created_at FROM trading_decisions d WHERE d.status = 'pending' ORDER BY d.account, d.id LIMIT 1)
            UNION ALL
            SELECT n.account, n.created_at
            FROM pending p
            CROSS JOIN LATERAL (
                SELECT d.account, d.created_at FROM trading_decisions d
                WHERE d.status = 'pending' AND d.account > p.account
                ORDER BY d.account, d.id
                LIMIT 1
            ) n
        ), latest AS MATERIALIZED (
            SELECT s.symbol, (SELECT max(m.time) FROM market_prices m WHERE m.symbol = s.symbol AND m.time <= $3) AS time
            FROM (SELECT DISTINCT o.symbol FROM paper_orders o WHERE o.status IN {SqlText.WorkingOrderStatuses}) s
        ), work AS (
            SELECT account, created_at AS since FROM pending
            UNION ALL
            SELECT c.account, c.requested_at FROM paper_cancel_requests c WHERE c.status = 'pending'
            UNION ALL
            SELECT o.account, LEAST(GREATEST(o.evaluated_through, m.evaluated_through), o.expires_at)
            FROM paper_orders o
            JOIN latest l ON l.symbol = o.symbol
            LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
            WHERE o.status IN {SqlText.WorkingOrderStatuses}
              AND (o.expires_at <= $3 OR GREATEST(o.evaluated_through, m.evaluated_through) < l.time)
        ), candidates AS (
            SELECT account, min(since) AS since FROM work
            WHERE $2::text[] IS NULL OR account = ANY ($2)
            GROUP BY account
        )
        SELECT {AccountSettings.Columns}, a.epoch,
               EXISTS (SELECT 1 FROM paper_cancel_requests c WHERE c.account = a.account AND c.status = 'pending') AS has_cancels
        FROM candidates w
        JOIN accounts a ON a.account = w.account
        ORDER BY w.since, a.account
        LIMIT $1
        FOR NO KEY UPDATE OF a SKIP LOCKED
        """;

    /// <summary>Locks up to <paramref name="maxAccounts"/> accounts with work (optionally only those named) into the state.</summary>
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
            state.Locked.Add(row.Text("account")); // before the settings: a row that cannot be read names its account
            var account = AccountSettings.Read(row);
            state.Accounts[account.Config.AccountId] = account;
            state.Epochs[account.Config.AccountId] = row.Int32("epoch");
            state.AnyCancels |= row.Boolean("has_cancels");
        }
    }
}
