using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Trading.Data.Migrations;
using Trading.Testing;

namespace Trading.Data.Tests.Migrations;

public sealed class MigratorTests
{
    private static Migrator MigratorFor(TestDatabase database) => new(database.DataSource, NullLogger<Migrator>.Instance);

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryFileInOrder()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(migrated: false);

        var result = await MigratorFor(database).MigrateAsync(CancellationToken.None);

        Assert.Equal(MigrationSource.Embedded.Select(m => m.Name), result.Applied);
        Assert.Equal(["0001_core_schema.sql", "0002_timescaledb.sql", "0003_views_and_functions.sql", "0004_invariants.sql", "0005_roles.sql"],
            result.Applied.Take(5));
        Assert.Equal(MigrationSource.Embedded.Count, await database.ScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT count(*) FROM accounts WHERE account = 'default'"));
    }

    [Fact]
    public async Task MigrateAsync_Twice_SecondRunIsANoOp()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(migrated: false);
        await MigratorFor(database).MigrateAsync(CancellationToken.None);
        await database.ExecuteAsync("UPDATE accounts SET cash = 1234.5 WHERE account = 'default'");

        var second = await MigratorFor(database).MigrateAsync(CancellationToken.None);

        Assert.True(second.WasUpToDate);
        Assert.Equal(MigrationSource.Embedded.Count, second.AlreadyApplied.Count);
        // A re-run never resets an account (the seed's schema re-run reset cash).
        Assert.Equal(1234.5m, await database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'default'"));
    }

    [Fact]
    public async Task MigrateAsync_AppliedFileChanged_RefusesWithBothChecksums()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync();
        var edited = MigrationSource.Embedded
            .Select(m => m.Name == "0003_views_and_functions.sql" ? m with { Sql = m.Sql + "\n-- edited" } : m)
            .ToList();

        var error = await Assert.ThrowsAsync<MigrationException>(() => MigratorFor(database).MigrateAsync(edited, CancellationToken.None));

        Assert.Contains("0003_views_and_functions.sql was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Contains(edited.Single(m => m.Name == "0003_views_and_functions.sql").Checksum, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0014_agent_isolation.sql")]
    [InlineData("0025_quote_received_at.sql")]
    public async Task MigrateAsync_RevisedMigrationAppliedInItsFirstText_Accepted(string name)
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync();
        // A database migrated before the revision (plain PostgreSQL, where the first text ran) records its checksum.
        await database.ExecuteAsync("UPDATE schema_migrations SET checksum = $1 WHERE name = $2", RevisedMigrations.EarlierChecksums[name], name);

        var result = await MigratorFor(database).MigrateAsync(CancellationToken.None);

        Assert.True(result.WasUpToDate);
        await database.ExecuteAsync("UPDATE schema_migrations SET checksum = 'another' WHERE name = $1", name);
        var error = await Assert.ThrowsAsync<MigrationException>(() => MigratorFor(database).MigrateAsync(CancellationToken.None));
        Assert.Contains($"{name} was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseAheadOfBuild_Refuses()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync();
        await database.ExecuteAsync("INSERT INTO schema_migrations (name, checksum, duration_ms) VALUES ('9999_future.sql', 'x', 0)");

        var error = await Assert.ThrowsAsync<MigrationException>(() => MigratorFor(database).MigrateAsync(CancellationToken.None));

        Assert.Contains("9999_future.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_FailingFile_RollsBackThatFileAndRecordsNothing()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync();
        var withBadFile = MigrationSource.Embedded
            .Append(new Migration("9000_broken.sql", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;"))
            .ToList();

        var error = await Assert.ThrowsAsync<MigrationException>(() => MigratorFor(database).MigrateAsync(withBadFile, CancellationToken.None));

        Assert.Contains("9000_broken.sql failed and was rolled back: 42P01", error.Message, StringComparison.Ordinal);
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('half_done') IS NOT NULL"));
        Assert.Equal(0, await database.ScalarAsync<int>("SELECT count(*) FROM schema_migrations WHERE name = '9000_broken.sql'"));
    }

    [Fact]
    public async Task MigrateAsync_AgentHoldsTheOldAdvisoryLock_StillApplies()
    {
        await using var database = await (await TestCluster.GetAsync()).CreateDatabaseAsync();
        await using var agent = await TestLogin.CreateAsync(await TestCluster.GetAsync(), database, "trading_agent");
        await using var session = await agent.OpenAsync();
        // The key the migrator once used, in source for anyone to read; advisory locks are PUBLIC's to take.
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(7405011973)", session))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var withNewFile = MigrationSource.Embedded.Append(new Migration("9001_after_agent_lock.sql", "CREATE TABLE after_agent_lock (id int)")).ToList();
        var migrate = MigratorFor(database).MigrateAsync(withNewFile, CancellationToken.None);

        Assert.Same(migrate, await Task.WhenAny(migrate, Task.Delay(TimeSpan.FromSeconds(15))));
        Assert.Equal(["9001_after_agent_lock.sql"], (await migrate).Applied);
    }

    [Fact]
    public async Task LockSchemaMigrations_AgentLogin_RefusedWithInsufficientPrivilege()
    {
        await using var database = await (await TestCluster.GetAsync()).CreateDatabaseAsync();
        await using var agent = await TestLogin.CreateAsync(await TestCluster.GetAsync(), database, "trading_agent");
        await using var session = await agent.OpenAsync();
        await using var transaction = await session.BeginTransactionAsync();
        await using var lockHistory = new NpgsqlCommand("LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE", session, transaction);

        var error = await Assert.ThrowsAsync<PostgresException>(() => lockHistory.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentCallers_EachFileAppliedOnce()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(migrated: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            return await new Migrator(dataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        }));

        Assert.Equal(MigrationSource.Embedded.Count, results.Sum(r => r.Applied.Count));
        Assert.Equal(MigrationSource.Embedded.Count, await database.ScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }
}
