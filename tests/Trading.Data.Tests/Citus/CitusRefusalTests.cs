using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Citus;
using Trading.Testing;

namespace Trading.Data.Tests.Citus;

/// <summary>The Citus mode on plain PostgreSQL (CI): it refuses clearly, and its plan knows every table the migrations create.</summary>
public sealed class CitusRefusalTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Distribute_WithoutCitusExtension_RefusesAndSaysWhatToDo()
    {
        var distributor = new CitusDistributor(fixture.Database.DataSource, NullLogger<CitusDistributor>.Instance);

        var refusal = await Assert.ThrowsAsync<CitusRefusedException>(() => distributor.DistributeAsync(CancellationToken.None));

        Assert.Contains("citus extension is not installed", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE EXTENSION citus", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_EveryTableOfTheMigratedSchema_HasAPlacement()
    {
        var tables = await fixture.Database.QueryAsync("""
            SELECT c.relname::text AS name FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1
            """);

        Assert.Equal(
            tables.Select(t => (string)t["name"]!),
            CitusPlan.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plan_EveryTableWithAnAccountColumn_IsColocatedByAccountOrReference()
    {
        var owned = await fixture.Database.QueryAsync("""
            SELECT DISTINCT c.relname::text AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attname = 'account' AND NOT a.attisdropped
            """);

        var placements = CitusPlan.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Assert.All(owned.Select(r => (string)r["name"]!), name =>
            Assert.True(
                placements[name] is { Placement: CitusPlacement.Reference } or { Placement: CitusPlacement.Distributed, DistributionColumn: "account" },
                $"{name} has an account column but is placed {placements[name].Placement}"));
    }
}
