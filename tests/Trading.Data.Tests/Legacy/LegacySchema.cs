using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Migrations;
using Trading.Testing;

namespace Trading.Data.Tests.Legacy;

/// <summary>
/// Databases as they were before a numbered migration: the migrations before it with db/repeatable as it was at 0022
/// (Legacy/repeatable_0022, before epochs became a column), whose functions still reset into an archive account.
/// </summary>
internal static class LegacySchema
{
    /// <summary>db/repeatable at 0022, in file-name order.</summary>
    public static IReadOnlyList<Repeatable> Repeatables0022 { get; } = MigrationSource.LoadRepeatables(typeof(LegacySchema).Assembly);

    /// <summary>Migrates <paramref name="database"/> up to (not including) <paramref name="migration"/> with the 0022 repeatables.</summary>
    public static Task<MigrationResult> MigrateBeforeAsync(TestDatabase database, string migration)
    {
        var before = MigrationSource.Embedded.Where(m => string.CompareOrdinal(m.Name, migration) < 0).ToList();
        return new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(before, Repeatables0022, CancellationToken.None);
    }
}
