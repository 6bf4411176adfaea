using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Migrations;

namespace Trading.Testing;

/// <summary>
/// xunit class fixture: a database migrated by the migrator itself rather than copied from the template. CREATE DATABASE
/// does not copy a template's database-level privileges (a migration's REVOKE TEMPORARY ... FROM PUBLIC), so tests of
/// those need a database the migrations ran in.
/// </summary>
public sealed class FreshDatabaseFixture : DatabaseFixture
{
    protected override async Task<TestDatabase> CreateDatabaseAsync(TestCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var database = await cluster.CreateDatabaseAsync(migrated: false);
        await new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }
}
