using Npgsql;

namespace Trading.Data.Execution;

/// <summary>
/// The last resort for an account whose order book cannot be processed (a batch with no decision in it keeps failing,
/// e.g. on a row no constraint caught): its working orders are canceled with the error, in a transaction of their own,
/// so they end with a status and a reason instead of stalling the account and having its decisions blamed.
/// </summary>
public static class OrderQuarantine
{
    private static readonly string Sql = $"""
        UPDATE paper_orders
        SET status = 'canceled', reason = left('canceled: the order book of this account failed to process: ' || $2, 2000),
            updated_at = statement_timestamp()
        WHERE account = $1 AND status IN {SqlText.WorkingOrderStatuses}
        """;

    /// <summary>Cancels the account's working orders; returns how many.</summary>
    public static async Task<int> CancelWorkingAsync(NpgsqlDataSource dataSource, string account, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = error });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
