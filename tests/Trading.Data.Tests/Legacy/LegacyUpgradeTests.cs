using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Migrations;
using Trading.Testing;

namespace Trading.Data.Tests.Legacy;

/// <summary>
/// The views and functions left db/migrations for db/repeatable (issue 13): a database migrated by the original files
/// upgrades without loss, and a fresh database has the catalogue the original files built.
/// </summary>
public sealed class LegacyUpgradeTests
{
    private static readonly Assembly Fixtures = typeof(LegacyUpgradeTests).Assembly;

    /// <summary>The original 0001–0019, byte for byte.</summary>
    private static readonly IReadOnlyList<Migration> Original = MigrationSource.Load(Fixtures);

    // Tables whose rows the upgrade must keep (the columns they had at 0010 are compared).
    private static readonly string[] DataTables =
    [
        "accounts", "instruments", "market_prices", "trading_decisions", "paper_orders", "paper_fills", "paper_positions",
        "paper_trades", "paper_ledger", "paper_portfolio_snapshots", "paper_account_stats", "paper_daily_equity",
        "paper_risk_limits", "paper_risk_limit_history",
    ];

    /// <summary>
    /// What changed on purpose since the original files: the performance maths moved into performance_ratios(), which
    /// v_paper_performance_metrics calls (its columns, their types and its figures are unchanged).
    /// The shortfall view groups by the keys 0021 gave account (its columns depend on them).
    /// </summary>
    private static readonly string[] IntendedChanges =
        ["function performance_ratios(", "view v_paper_performance_metrics definition=", "view v_paper_shortfall definition="];

    /// <summary>Today's text of the files the fixtures are originals of; later numbered migrations come after them.</summary>
    private static IReadOnlyList<Migration> Rewritten => [.. MigrationSource.Embedded.Take(Original.Count)];

    /// <summary>The numbered migrations after the originals.</summary>
    private static IReadOnlyList<Migration> Later => [.. MigrationSource.Embedded.Skip(Original.Count)];

    private static Migrator MigratorFor(TestDatabase database) => new(database.DataSource, NullLogger<Migrator>.Instance);

    [Fact]
    public void Fixtures_AreTheOriginalFiles_WithTheirPreSplitChecksums()
    {
        Assert.Equal(Rewritten.Select(m => m.Name), Original.Select(m => m.Name));
        Assert.All(MigrationSource.Embedded.Skip(Original.Count), m => Assert.True(string.CompareOrdinal(m.Name, Original[^1].Name) > 0, m.Name));
        foreach (var migration in Original)
        {
            var current = MigrationSource.Embedded.Single(m => m.Name == migration.Name);
            Assert.True(current.Checksum == migration.Checksum || PreSplitChecksumOf(migration.Name) == migration.Checksum, migration.Name);
        }
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_SameCatalogueAsTheOriginalFiles()
    {
        var cluster = await TestCluster.GetAsync();
        await using var original = await cluster.CreateDatabaseAsync(migrated: false);
        await using var today = await cluster.CreateDatabaseAsync(migrated: false);

        // Both then take the later migrations and today's files: the view files read columns later migrations add (0024).
        await MigratorFor(original).MigrateAsync(Original, [], CancellationToken.None);
        await MigratorFor(original).MigrateAsync([.. Original, .. Later], MigrationSource.EmbeddedRepeatables, CancellationToken.None);
        await MigratorFor(today).MigrateAsync([.. Rewritten, .. Later], MigrationSource.EmbeddedRepeatables, CancellationToken.None);

        AssertSameCatalogue(WithoutIntendedChanges(await CatalogueAsync(original)), WithoutIntendedChanges(await CatalogueAsync(today)));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseAt0010WithData_UpgradesWithoutLoss()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(migrated: false);
        await using var fresh = await cluster.CreateDatabaseAsync(migrated: false);
        await MigratorFor(database).MigrateAsync(Original.Take(10).ToList(), [], CancellationToken.None);
        await database.ExecuteAsync(Fixture("seed_0010.sql"));
        Assert.Empty(await database.InvariantViolationsAsync());
        var before = await RowsAsync(database);

        var result = await MigratorFor(database).MigrateAsync(CancellationToken.None);

        Assert.Equal(MigrationSource.Embedded.Skip(10).Select(m => m.Name), result.Applied);
        Assert.Equal(MigrationSource.EmbeddedRepeatables.Select(r => r.Name), result.Reapplied);
        Assert.Equal(before, await RowsAsync(database, before.Keys));
        Assert.Empty(await database.InvariantViolationsAsync());
        foreach (var view in MigrationSource.EmbeddedRepeatables.SelectMany(r => r.Views))
        {
            Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM {view}") >= 0, view);
        }

        Assert.Equal(1, await database.ScalarAsync<long>("SELECT total_trades FROM v_paper_performance_metrics WHERE account = 'legacy'"));
        Assert.Equal(87.9m, await database.ScalarAsync<decimal>("SELECT total_pnl FROM v_paper_performance_metrics WHERE account = 'legacy'"));
        await MigratorFor(fresh).MigrateAsync(CancellationToken.None);
        AssertSameCatalogue(await CatalogueAsync(fresh), await CatalogueAsync(database));
        Assert.True((await MigratorFor(database).MigrateAsync(CancellationToken.None)).WasUpToDate);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMigratedByTheOriginalFiles_OnlyReappliesTheRepeatables()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync(migrated: false);
        await MigratorFor(database).MigrateAsync(Original, [], CancellationToken.None);
        var catalogue = await CatalogueAsync(database);

        // The function files only: the view files read columns later migrations add (0024), which a 0019 schema lacks.
        var functions = MigrationSource.EmbeddedRepeatables.Where(r => !r.IsView).ToList();
        var result = await MigratorFor(database).MigrateAsync(Rewritten, functions, CancellationToken.None);

        Assert.Empty(result.Applied);
        Assert.Equal(functions.Count, result.Reapplied.Count);
        AssertSameCatalogue(WithoutIntendedChanges(catalogue), WithoutIntendedChanges(await CatalogueAsync(database)));
        Assert.Contains(await CatalogueAsync(database), line => line.StartsWith(IntendedChanges[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_ViewFileChanged_ReappliesAndRecordsIt()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync();
        var edited = MigrationSource.EmbeddedRepeatables
            .Select(r => r.Name == "views/01_v_latest_prices.sql" ? r with { Sql = r.Sql + "\nCOMMENT ON VIEW v_latest_prices IS 'edited';\n" } : r)
            .ToList();

        var result = await MigratorFor(database).MigrateAsync(MigrationSource.Embedded, edited, CancellationToken.None);

        Assert.Equal(["views/01_v_latest_prices.sql"], result.Reapplied);
        Assert.Equal("edited", await database.ScalarAsync<string>("SELECT obj_description('v_latest_prices'::regclass, 'pg_class')"));
        Assert.True((await MigratorFor(database).MigrateAsync(MigrationSource.Embedded, edited, CancellationToken.None)).WasUpToDate);
    }

    [Fact]
    public async Task MigrateAsync_NewMigrationChangesAColumnAViewReads_ViewsAreRecreatedAround()
    {
        var cluster = await TestCluster.GetAsync();
        await using var database = await cluster.CreateDatabaseAsync();
        // Without the managed views dropped first, PostgreSQL refuses: "cannot alter type of a column used by a view".
        var later = MigrationSource.Embedded
            .Append(new Migration("9002_wider_agent.sql", "ALTER TABLE paper_trades ALTER COLUMN agent TYPE varchar(300)"))
            .ToList();

        var result = await MigratorFor(database).MigrateAsync(later, CancellationToken.None);

        Assert.Equal(["9002_wider_agent.sql"], result.Applied);
        Assert.Equal(MigrationSource.EmbeddedRepeatables.Count, result.Reapplied.Count);
        Assert.Equal("character varying", await database.ScalarAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'v_paper_recent_trades' AND column_name = 'agent'"));
    }

    private static string? PreSplitChecksumOf(string name) =>
        PreSplitChecksums.ByName.TryGetValue(name, out var checksum) ? checksum : null;

    private static List<string> WithoutIntendedChanges(List<string> catalogue) =>
        catalogue.Where(line => !IntendedChanges.Any(change => line.StartsWith(change, StringComparison.Ordinal))).ToList();

    private static void AssertSameCatalogue(List<string> expected, List<string> actual)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing:\n{string.Join('\n', missing)}\nextra:\n{string.Join('\n', extra)}");
    }

    private static async Task<List<string>> CatalogueAsync(TestDatabase database) =>
        (await database.QueryAsync(Fixture("catalogue.sql"))).Select(r => (string)r["line"]!).ToList();

    /// <summary>Per table, the hash of its rows over the columns it has now (or the given tables' earlier columns).</summary>
    private static async Task<Dictionary<string, string>> RowsAsync(TestDatabase database, IEnumerable<string>? keys = null)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys ?? DataTables)
        {
            var (table, columns) = key.Contains(':', StringComparison.Ordinal)
                ? (key[..key.IndexOf(':', StringComparison.Ordinal)], key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..])
                : (key, await database.ScalarAsync<string>(
                    "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
                    key));
            var count = await database.ScalarAsync<long>($"SELECT count(*) FROM {table}");
            var hash = await database.ScalarAsync<string>(
                $"SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) FROM (SELECT {columns} FROM {table}) r");
            rows[$"{table}:{columns}"] = $"{count} rows, {hash}";
        }

        return rows;
    }

    private static string Fixture(string name)
    {
        using var stream = Fixtures.GetManifestResourceStream($"legacy/{name}")
            ?? throw new InvalidOperationException($"The fixture legacy/{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
