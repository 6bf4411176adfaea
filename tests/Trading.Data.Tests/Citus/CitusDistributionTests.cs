using Trading.Data.Citus;
using Trading.Testing.Citus;

namespace Trading.Data.Tests.Citus;

/// <summary>On the run's Citus cluster (coordinator + two workers), the migrated schema distributes as CitusPlan says; skipped without Citus.</summary>
public sealed class CitusDistributionTests(CitusFixture fixture) : IClassFixture<CitusFixture>
{
    [SkippableFact]
    public async Task MigrateCitus_ThreeNodes_PlacesEveryTableAsPlanned()
    {
        var database = fixture.RequireDatabase();

        var placed = await database.QueryAsync("""
            SELECT logicalrelid::regclass::text AS name, partmethod::text AS method, column_to_column_name(logicalrelid, partkey) AS column,
                   colocationid
            FROM pg_dist_partition
            """);

        var byName = placed.ToDictionary(r => (string)r["name"]!, StringComparer.Ordinal);
        var anchor = byName[CitusPlan.AccountAnchor]["colocationid"];
        foreach (var table in CitusPlan.Tables)
        {
            switch (table.Placement)
            {
                case CitusPlacement.Reference:
                    Assert.Equal("n", byName[table.Name]["method"]);
                    break;
                case CitusPlacement.Distributed:
                    Assert.Equal("h", byName[table.Name]["method"]);
                    Assert.Equal(table.DistributionColumn, byName[table.Name]["column"]);
                    Assert.Equal(anchor, byName[table.Name]["colocationid"]);
                    break;
                default:
                    Assert.False(byName.ContainsKey(table.Name), $"{table.Name} should stay on the coordinator");
                    break;
            }
        }

        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM citus_get_active_worker_nodes()"));
    }

    [SkippableFact]
    public async Task MigrateCitus_Distributed_ViewsAnswerAndSecondRunChangesNothing()
    {
        var database = fixture.RequireDatabase();
        await database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('citus-a'), ('citus-b')");

        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM v_paper_portfolio_overview") >= 2);
        var before = await database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'citus-a'");
        Assert.Equal(before + 10m, await database.ScalarAsync<decimal>("SELECT deposit('citus-a', 10, 'test')"));
        var again = await new CitusDistributor(database.DataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<CitusDistributor>.Instance)
            .DistributeAsync(CancellationToken.None);
        Assert.True(again.WasUpToDate);
    }
}
