using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Migrations;
using Trading.Data.Tests.Accounts;
using Trading.Data.Tests.Legacy;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// Migration 0021 (account in every key, no ON UPDATE CASCADE) on a database that was at 0019 with history: a traded
/// account and a reset one (an archive, built with the functions of the time: <see cref="LegacySchema"/>). Migrated to
/// today (0026 included) nothing is lost, the accounting still holds, the views answer, and a reset works.
/// </summary>
public sealed class AccountKeyMigrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Migration = "0021_account_in_every_key.sql";
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await fixture.Cluster.CreateDatabaseAsync(migrated: false);
        await LegacySchema.MigrateBeforeAsync(database, Migration);
        await TradedAccount.CreateAsync(database, "keeper");
        await TradedAccount.CreateAsync(database, "resetter");
        await database.ExecuteAsync("SELECT reset_account('resetter')");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Migrate_From0019WithHistory_KeepsEveryRowAndTheAccounting()
    {
        var before = await RowCountsAsync();

        await MigrateAsync();

        // The archive resetter.e1 is gone (0026): its rows are resetter's epoch 1.
        Assert.Equal(before.Where(t => t.Key != "accounts").ToDictionary(),
            (await RowCountsAsync()).Where(t => before.ContainsKey(t.Key) && t.Key != "accounts").ToDictionary());
        Assert.Equal(before["accounts"] - 1, await database.ScalarAsync<long>("SELECT count(*) FROM accounts"));
        Assert.Empty(await database.InvariantViolationsAsync());
        Assert.Equal(TradedAccount.Cash, await database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'keeper'"));
        Assert.Equal(TradedAccount.NetPnl, await database.ScalarAsync<decimal>("SELECT net_pnl FROM paper_account_epochs WHERE account = 'resetter'"));
    }

    [Fact]
    public async Task Migrate_From0019_EveryKeyOfAnAccountTableHasAccountAndNoForeignKeyCascadesUpdates()
    {
        await MigrateAsync();

        var keysWithoutAccount = await database.QueryAsync("""
            SELECT c.conname::text AS name FROM pg_constraint c
            WHERE c.contype IN ('p', 'u', 'f') AND c.connamespace = 'public'::regnamespace
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'account' AND NOT a.attisdropped)
              AND NOT (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'account') = ANY (c.conkey)
              AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.conrelid)
              -- Foreign keys to tables without accounts (instruments: a reference table on Citus) need none.
              AND (c.contype <> 'f' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attname = 'account'))
            ORDER BY 1
            """);
        var cascading = await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confupdtype <> 'a' AND connamespace = 'public'::regnamespace");

        // The archive's name and its keys went with the archives (0026).
        Assert.Empty(keysWithoutAccount.Select(r => (string)r["name"]!));
        Assert.Equal(0, cascading);
    }

    [Fact]
    public async Task Migrate_From0019_ViewsAnswerAndAResetKeepsTheEpochInPlace()
    {
        await MigrateAsync();

        var views = await database.QueryAsync("SELECT viewname::text AS name FROM pg_views WHERE schemaname = 'public' ORDER BY 1");
        foreach (var view in views.Select(v => (string)v["name"]!))
        {
            await database.ScalarAsync<long>($"SELECT count(*) FROM \"{view}\"");
        }

        await database.ExecuteAsync("SELECT reset_account('keeper')");

        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM paper_fills WHERE account = 'keeper' AND epoch = 1"));
        Assert.Equal(5L, await database.ScalarAsync<long>("SELECT count(*) FROM paper_ledger WHERE account = 'keeper' AND epoch = 1"));
        Assert.Equal(2, await database.ScalarAsync<int>("SELECT epoch FROM accounts WHERE account = 'keeper'"));
        Assert.Empty(await database.InvariantViolationsAsync());
    }

    private Task<MigrationResult> MigrateAsync() =>
        new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);

    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        var tables = await database.QueryAsync("""
            SELECT c.relname::text AS name FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('schema_migrations', 'schema_repeatables')
            """);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables.Select(t => (string)t["name"]!))
        {
            counts[table] = await database.ScalarAsync<long>($"SELECT count(*) FROM \"{table}\"");
        }

        return counts;
    }
}
