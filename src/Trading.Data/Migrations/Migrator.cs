using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.Migrations;

/// <summary>
/// Applies pending migrations in order, each in its own transaction. Replicas starting together take turns through a
/// table lock on schema_migrations, taken by each transaction before it re-reads the history: a lock that only roles
/// allowed to write the history can take (an advisory lock is anyone's, and an agent holding its key stalled every
/// start). Refuses to run when an applied file changed or the database knows a migration this build does not.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource dataSource, ILogger<Migrator> logger)
{
    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name        text PRIMARY KEY,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
            duration_ms integer NOT NULL
        )
        """;

    // SHARE ROW EXCLUSIVE conflicts with itself: one migrator at a time; readers of the history are not blocked.
    private const string LockHistorySql = "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE";

    private const string ReadHistorySql = "SELECT name, checksum FROM schema_migrations";

    private const string RecordSql = "INSERT INTO schema_migrations (name, checksum, duration_ms) VALUES ($1, $2, $3)";

    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(MigrationSource.Embedded, cancellationToken);

    public async Task<MigrationResult> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notice += (_, e) => LogNotice(e.Notice.MessageText);
        await CreateHistoryAsync(connection, cancellationToken);

        // One transaction per migration, each deciding under the lock what is still pending: a replica that waited
        // finds the other's migrations recorded and never applies one twice.
        var applied = new List<string>();
        while (await ApplyNextAsync(connection, migrations, cancellationToken) is { } name)
        {
            applied.Add(name);
        }

        var already = migrations.Select(m => m.Name).Except(applied, StringComparer.Ordinal).ToList();
        return new MigrationResult(applied, already);
    }

    private static async Task CreateHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Looked up first: IF NOT EXISTS alone would log a "relation already exists, skipping" notice on every start.
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand(CreateHistorySql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject)
        {
            // Two replicas on a fresh database: IF NOT EXISTS does not serialize concurrent creators; the other one made it
            // (the loser meets the table, its row type "already exists", or the catalogue's unique index).
        }
    }

    /// <summary>Applies the first pending migration and returns its name; null when none is pending.</summary>
    private async Task<string?> ApplyNextAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockHistory = new NpgsqlCommand(LockHistorySql, connection, transaction))
        {
            await lockHistory.ExecuteNonQueryAsync(cancellationToken);
        }

        var history = await ReadHistoryAsync(connection, transaction, cancellationToken);
        Verify(history, migrations);
        var migration = migrations.FirstOrDefault(m => !history.ContainsKey(m.Name));
        if (migration is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        try
        {
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await using (var record = new NpgsqlCommand(RecordSql, connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
                record.Parameters.Add(new NpgsqlParameter { Value = (int)elapsed.TotalMilliseconds });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(migration.Name, (long)elapsed.TotalMilliseconds);
            return migration.Name;
        }
        catch (PostgresException e)
        {
            throw new MigrationException(
                $"Migration {migration.Name} failed and was rolled back: {e.SqlState} {e.MessageText}" +
                (e.Position > 0 ? $" (at character {e.Position})" : string.Empty), e);
        }
    }

    private static async Task<Dictionary<string, string>> ReadHistoryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var history = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var read = new NpgsqlCommand(ReadHistorySql, connection, transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history[reader.GetString(0)] = reader.GetString(1);
        }

        return history;
    }

    /// <summary>Refuses a history this build does not know, and an applied migration whose file changed.</summary>
    private static void Verify(Dictionary<string, string> history, IReadOnlyList<Migration> migrations)
    {
        var known = migrations.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = history.Keys.Where(n => !known.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new MigrationException(
                $"The database has migrations this build does not know: {string.Join(", ", unknown)}. " +
                "It was migrated by a newer version; run that version.");
        }

        foreach (var migration in migrations)
        {
            if (history.TryGetValue(migration.Name, out var checksum) && !string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException(
                    $"Migration {migration.Name} was changed after it was applied (applied checksum {checksum}, " +
                    $"file checksum {migration.Checksum}). Applied migrations are immutable: revert the file and " +
                    "add a new migration instead.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} in {ElapsedMs} ms")]
    private partial void LogApplied(string name, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration notice: {Text}")]
    private partial void LogNotice(string text);
}
