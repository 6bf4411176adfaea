using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.Migrations;

/// <summary>
/// Brings a database to this build's schema. Two kinds of file, after Flyway's versioned and repeatable migrations:
/// <list type="bullet">
/// <item>db/migrations/NNNN_*.sql — tables, types, indexes, policies, grants on tables, data moves: applied once each,
/// in order, never edited (the checksum is recorded and checked). They name no view and define no function.</item>
/// <item>db/repeatable/functions/*.sql and db/repeatable/views/*.sql — the one current definition of every function
/// and every view, with its grants, options (SECURITY DEFINER, a pinned search_path, security_invoker) and comments,
/// applied whole, in file-name order, whenever it changed or a numbered migration ran.</item>
/// </list>
/// Order on every run, each step a transaction that first takes the table lock on schema_migrations (a lock only roles
/// allowed to write the history can take: replicas starting together take turns; an advisory lock is anyone's, and an
/// agent holding its key once stalled every start):
/// <list type="number">
/// <item>When a numbered migration is pending: every function file, with check_function_bodies off (as pg_dump restores
/// them: bodies are resolved when called, not when created). Table DDL names functions — CHECKs on max_price(),
/// defaults of trading_acting_role(), triggers, row-level security policies — so they must exist first; the roles file
/// (functions/00_roles.sql) comes first because grants name the roles. The recorded checksums of the repeatable files
/// are cleared: whatever a migration did, the files are re-asserted after it.</item>
/// <item>Each pending numbered migration in its own transaction, which first drops the views of db/repeatable/views:
/// a migration may change any column a view reads, and a failed migration rolls the drop back with it.</item>
/// <item>Every repeatable file whose checksum differs from the one recorded in schema_repeatables: all managed views are
/// dropped, then every function file and every view file is applied in order (views read views, so they are re-created
/// together), and the checksums recorded.</item>
/// </list>
/// A function file uses CREATE OR REPLACE, so tables that depend on a function keep it; changing a function's
/// signature or result type takes a numbered migration that drops it first. The numbered files were rewritten once when
/// the views and functions moved out (<see cref="PreSplitChecksums"/>): a database migrated before records their old
/// checksums, which are accepted for those names only. Refuses to run when an applied file changed or the database
/// knows a migration this build does not.
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

    private const string CreateRepeatableHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_repeatables (
            name        text PRIMARY KEY,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """;

    // SHARE ROW EXCLUSIVE conflicts with itself: one migrator at a time; readers of the history are not blocked.
    private const string LockHistorySql = "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE";

    private const string ReadHistorySql = "SELECT name, checksum FROM schema_migrations";

    private const string ReadRepeatableHistorySql = "SELECT name, checksum FROM schema_repeatables";

    private const string RecordSql = "INSERT INTO schema_migrations (name, checksum, duration_ms) VALUES ($1, $2, $3)";

    private const string RecordRepeatableSql = """
        INSERT INTO schema_repeatables (name, checksum) VALUES ($1, $2)
        ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = clock_timestamp()
        """;

    // pg_dump's setting for restoring functions: a body naming a table or function created later is fine.
    private const string DeferBodiesSql = "SET LOCAL check_function_bodies = off";

    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(MigrationSource.Embedded, cancellationToken);

    public Task<MigrationResult> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken) =>
        MigrateAsync(migrations, MigrationSource.EmbeddedRepeatables, cancellationToken);

    public async Task<MigrationResult> MigrateAsync(
        IReadOnlyList<Migration> migrations, IReadOnlyList<Repeatable> repeatables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(repeatables);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notice += (_, e) => LogNotice(e.Notice.MessageText);
        await CreateHistoryAsync(connection, CreateHistorySql, "schema_migrations", cancellationToken);
        await CreateHistoryAsync(connection, CreateRepeatableHistorySql, "schema_repeatables", cancellationToken);

        var views = repeatables.SelectMany(r => r.Views).ToList();
        await PrepareAsync(connection, migrations, repeatables, cancellationToken);

        // One transaction per migration, each deciding under the lock what is still pending: a replica that waited
        // finds the other's migrations recorded and never applies one twice.
        var applied = new List<string>();
        while (await ApplyNextAsync(connection, migrations, views, cancellationToken) is { } name)
        {
            applied.Add(name);
        }

        var reapplied = await ApplyRepeatablesAsync(connection, migrations, repeatables, views, cancellationToken);
        var already = migrations.Select(m => m.Name).Except(applied, StringComparer.Ordinal).ToList();
        return new MigrationResult(applied, already, reapplied);
    }

    private static async Task CreateHistoryAsync(NpgsqlConnection connection, string createSql, string table, CancellationToken cancellationToken)
    {
        // Looked up first: IF NOT EXISTS alone would log a "relation already exists, skipping" notice on every start.
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand(createSql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject)
        {
            // Two replicas on a fresh database: IF NOT EXISTS does not serialize concurrent creators; the other one made it
            // (the loser meets the table, its row type "already exists", or the catalogue's unique index).
        }
    }

    /// <summary>Step 1: with a numbered migration pending, every function file first, and the repeatables marked stale.</summary>
    private static async Task PrepareAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, IReadOnlyList<Repeatable> repeatables, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginLockedAsync(connection, cancellationToken);
        var history = await MigrationHistory.ReadAsync(connection, transaction, ReadHistorySql, cancellationToken);
        MigrationHistory.Verify(history, migrations);
        if (migrations.All(m => history.ContainsKey(m.Name)))
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        await ExecuteAsync(connection, transaction, DeferBodiesSql, cancellationToken);
        foreach (var file in repeatables.Where(r => !r.IsView))
        {
            await ExecuteFileAsync(connection, transaction, file.Name, file.Sql, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM schema_repeatables", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Step 2: applies the first pending migration and returns its name; null when none is pending.</summary>
    private async Task<string?> ApplyNextAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, IReadOnlyList<string> views, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await BeginLockedAsync(connection, cancellationToken);
        var history = await MigrationHistory.ReadAsync(connection, transaction, ReadHistorySql, cancellationToken);
        MigrationHistory.Verify(history, migrations);
        var migration = migrations.FirstOrDefault(m => !history.ContainsKey(m.Name));
        if (migration is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        await DropViewsAsync(connection, transaction, views, cancellationToken);
        await ExecuteFileAsync(connection, transaction, migration.Name, migration.Sql, cancellationToken);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await ExecuteAsync(connection, transaction, RecordSql, cancellationToken, migration.Name, migration.Checksum, (int)elapsed.TotalMilliseconds);
        await transaction.CommitAsync(cancellationToken);
        LogApplied(migration.Name, (long)elapsed.TotalMilliseconds);
        return migration.Name;
    }

    /// <summary>Step 3: when any repeatable file differs from the recorded one, all of them again, views re-created.</summary>
    private async Task<IReadOnlyList<string>> ApplyRepeatablesAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, IReadOnlyList<Repeatable> repeatables,
        IReadOnlyList<string> views, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await BeginLockedAsync(connection, cancellationToken);
        MigrationHistory.Verify(await MigrationHistory.ReadAsync(connection, transaction, ReadHistorySql, cancellationToken), migrations);
        var recorded = await MigrationHistory.ReadAsync(connection, transaction, ReadRepeatableHistorySql, cancellationToken);
        var changed = repeatables
            .Where(r => !recorded.TryGetValue(r.Name, out var checksum) || !string.Equals(checksum, r.Checksum, StringComparison.Ordinal))
            .Select(r => r.Name)
            .ToList();
        if (changed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        await DropViewsAsync(connection, transaction, views, cancellationToken);
        await ExecuteAsync(connection, transaction, DeferBodiesSql, cancellationToken);
        foreach (var file in repeatables)
        {
            await ExecuteFileAsync(connection, transaction, file.Name, file.Sql, cancellationToken);
            await ExecuteAsync(connection, transaction, RecordRepeatableSql, cancellationToken, file.Name, file.Checksum);
        }

        await transaction.CommitAsync(cancellationToken);
        var elapsedMs = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogReapplied(changed.Count, repeatables.Count, elapsedMs);
        return changed;
    }

    private static async Task<NpgsqlTransaction> BeginLockedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, LockHistorySql, cancellationToken);
        return transaction;
    }

    /// <summary>Drops the managed views that exist (IF EXISTS would log a notice per missing view on a fresh database).</summary>
    private static async Task DropViewsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> views, CancellationToken cancellationToken)
    {
        if (views.Count == 0)
        {
            return;
        }

        await using var existing = new NpgsqlCommand(
            "SELECT string_agg(quote_ident(v), ', ') FROM unnest($1::text[]) AS v WHERE to_regclass(quote_ident(v)) IS NOT NULL",
            connection, transaction);
        existing.Parameters.Add(new NpgsqlParameter { Value = views.ToArray() });
        if (await existing.ExecuteScalarAsync(cancellationToken) is string names)
        {
            // No CASCADE: an object outside db/repeatable that depends on a managed view stops the migration by name.
            await ExecuteAsync(connection, transaction, $"DROP VIEW {names}", cancellationToken);
        }
    }

    /// <summary>Runs one file; a failure rolls its transaction back and names the file.</summary>
    private static async Task ExecuteFileAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new MigrationException(
                $"Migration {name} failed and was rolled back: {e.SqlState} {e.MessageText}" +
                (e.Position > 0 ? $" (at character {e.Position})" : string.Empty), e);
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} in {ElapsedMs} ms")]
    private partial void LogApplied(string name, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-applied the views and functions ({Changed} of {Total} files changed) in {ElapsedMs} ms")]
    private partial void LogReapplied(int changed, int total, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration notice: {Text}")]
    private partial void LogNotice(string text);
}
