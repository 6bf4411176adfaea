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

    [SkippableFact]
    public async Task ResetAccount_Distributed_EndsTheEpochInPlaceOnTheAccountsWorker()
    {
        var database = fixture.RequireDatabase();
        await database.ExecuteAsync("INSERT INTO accounts (account, initial_capital, cash) VALUES ('citus-reset', 1000, 1000)");
        await database.ScalarAsync<decimal>("SELECT deposit('citus-reset', 25, 'epoch 1')");

        var reset = (await database.QueryAsync("SELECT * FROM reset_account('citus-reset', 500, 'on citus')")).Single();
        await database.ScalarAsync<decimal>("SELECT deposit('citus-reset', 5, 'epoch 2')");

        Assert.Equal((2, 1, 1025m, null), ((int)reset["epoch"]!, (int)reset["archived_epoch"]!, (decimal)reset["archived_final_equity"]!, reset["archived_as"]));
        Assert.Equal([(1, 25m), (2, 5m)], (await database.QueryAsync(
                "SELECT epoch, sum(amount) AS amount FROM paper_ledger WHERE account = 'citus-reset' GROUP BY epoch ORDER BY epoch"))
            .Select(r => ((int)r["epoch"]!, (decimal)r["amount"]!)));
        Assert.Equal((505m, 2), (await database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'citus-reset'"),
            await database.ScalarAsync<int>("SELECT epoch FROM v_paper_portfolio_overview WHERE account = 'citus-reset'")));
        Assert.Equal([1, 2], (await database.QueryAsync("SELECT epoch FROM v_paper_account_epochs WHERE account = 'citus-reset' ORDER BY epoch"))
            .Select(r => (int)r["epoch"]!));
    }
}
