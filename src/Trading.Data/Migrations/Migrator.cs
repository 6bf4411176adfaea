using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.Migrations;

/// <summary>
/// Applies pending migrations in order, each in its own transaction, under a session advisory lock so that replicas
/// starting together take turns. Refuses to run when an applied file changed or the database knows a migration this
/// build does not.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource dataSource, ILogger<Migrator> logger)
{
    // An arbitrary constant shared by every replica: "trading migrations".
    private const long AdvisoryLockKey = 7_405_011_973;

    private const string CreateHistorySql = """
        CREATE TABLE schema_migrations (
            name        text PRIMARY KEY,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
            duration_ms integer NOT NULL
        )
        """;

    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(MigrationSource.Embedded, cancellationToken);

    public async Task<MigrationResult> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notice += (_, e) => LogNotice(e.Notice.MessageText);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            return await ApplyLockedAsync(connection, migrations, cancellationToken);
        }
        finally
        {
            // The lock is session-scoped: released explicitly here, and by the server if the process dies.
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            unlock.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<MigrationResult> ApplyLockedAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                await using var create = new NpgsqlCommand(CreateHistorySql, connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var history = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT name, checksum FROM schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                history[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var known = migrations.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = history.Keys.Where(n => !known.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new MigrationException(
                $"The database has migrations this build does not know: {string.Join(", ", unknown)}. " +
                "It was migrated by a newer version; run that version.");
        }

        var applied = new List<string>();
        var already = new List<string>();
        foreach (var migration in migrations)
        {
            if (history.TryGetValue(migration.Name, out var checksum))
            {
                if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                {
                    throw new MigrationException(
                        $"Migration {migration.Name} was changed after it was applied (applied checksum {checksum}, " +
                        $"file checksum {migration.Checksum}). Applied migrations are immutable: revert the file and " +
                        "add a new migration instead.");
                }

                already.Add(migration.Name);
                continue;
            }

            await ApplyAsync(connection, migration, cancellationToken);
            applied.Add(migration.Name);
        }

        return new MigrationResult(applied, already);
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await using (var record = new NpgsqlCommand(
                             "INSERT INTO schema_migrations (name, checksum, duration_ms) VALUES ($1, $2, $3)",
                             connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
                record.Parameters.Add(new NpgsqlParameter { Value = (int)elapsed.TotalMilliseconds });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(migration.Name, (long)elapsed.TotalMilliseconds);
        }
        catch (PostgresException e)
        {
            throw new MigrationException(
                $"Migration {migration.Name} failed and was rolled back: {e.SqlState} {e.MessageText}" +
                (e.Position > 0 ? $" (at character {e.Position})" : string.Empty), e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} in {ElapsedMs} ms")]
    private partial void LogApplied(string name, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration notice: {Text}")]
    private partial void LogNotice(string text);
}
