using Npgsql;

namespace Trading.Data.Execution;

/// <summary>
/// Counts failed attempts at a decision in a transaction of its own (the failed batch was rolled back), and ends the
/// decision `failed` with the error once it has failed <c>maxAttempts</c> times. The time comes as a parameter: Citus
/// refuses a non-immutable function inside CASE.
/// </summary>
public static class DecisionFailures
{
    private const string Sql = """
        UPDATE trading_decisions
        SET attempts = attempts + 1,
            status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE status END,
            status_reason = CASE WHEN attempts + 1 >= $3 THEN 'failed after ' || (attempts + 1) || ' attempts: ' || $2 ELSE status_reason END,
            processed_at = CASE WHEN attempts + 1 >= $3 THEN $4 ELSE processed_at END
        WHERE id = $1 AND status = 'pending'
        RETURNING status = 'failed'
        """;

    /// <summary>Returns true when the decision is now terminal (failed).</summary>
    public static async Task<bool> RecordAsync(
        NpgsqlDataSource dataSource, long decisionId, string error, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = decisionId });
        command.Parameters.Add(new NpgsqlParameter { Value = error.Length > 2000 ? error[..2000] : error });
        command.Parameters.Add(new NpgsqlParameter { Value = maxAttempts });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
