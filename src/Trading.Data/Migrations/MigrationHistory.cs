using Npgsql;

namespace Trading.Data.Migrations;

/// <summary>The recorded history (schema_migrations, schema_repeatables): read by name, and checked against this build.</summary>
internal static class MigrationHistory
{
    internal static async Task<Dictionary<string, string>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var history = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var read = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history[reader.GetString(0)] = reader.GetString(1);
        }

        return history;
    }

    /// <summary>Refuses a history this build does not know, and an applied migration whose file changed.</summary>
    internal static void Verify(Dictionary<string, string> history, IReadOnlyList<Migration> migrations)
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
            if (history.TryGetValue(migration.Name, out var checksum)
                && !string.Equals(checksum, migration.Checksum, StringComparison.Ordinal)
                && !Sanctioned(PreSplitChecksums.ByName, migration.Name, checksum)
                && !Sanctioned(RevisedMigrations.EarlierChecksums, migration.Name, checksum))
            {
                throw new MigrationException(
                    $"Migration {migration.Name} was changed after it was applied (applied checksum {checksum}, " +
                    $"file checksum {migration.Checksum}). Applied migrations are immutable: revert the file and " +
                    "add a new migration instead.");
            }
        }
    }

    /// <summary>An earlier text of this migration the project rewrote on purpose (its checksum is listed for its name).</summary>
    private static bool Sanctioned(IReadOnlyDictionary<string, string> earlier, string name, string checksum) =>
        earlier.TryGetValue(name, out var known) && string.Equals(checksum, known, StringComparison.Ordinal);
}
