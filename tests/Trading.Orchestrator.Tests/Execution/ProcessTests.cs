using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>The real executable, several at once, killed and restarted: nothing lost, nothing repeated.</summary>
public sealed class ProcessTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task FourProcesses_TenThousandDecisions_EachExecutedOnceInOrder()
    {
        const string prefix = "quad";
        await Workload.SetUpAsync(fixture.Database, prefix, accounts: 20, symbols: 10);
        var processes = Enumerable.Range(0, 4).Select(_ => TradingProcess.Start(fixture.Database.ConnectionString, null, "run")).ToList();
        try
        {
            // Decisions arrive while the four compete (inserts in several transactions, like agents).
            for (var i = 0; i < 10; i++)
            {
                await Workload.InsertDecisionsAsync(fixture.Database, prefix, 20, 10, 1_000, 0.1 + (i / 100.0));
                await Workload.QuoteAsync(fixture.Database, prefix, 10, i);
            }

            await Workload.WaitUntilNothingPendingAsync(fixture.Database, prefix, TimeSpan.FromMinutes(2));
            foreach (var process in processes)
            {
                Assert.Equal(0, await process.StopAsync());
                Assert.Contains("Stopped after finishing", process.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
        }

        await Workload.AssertSoundAsync(fixture.Database, prefix, 10_000);
    }

    [Fact]
    public async Task DecisionThatAlwaysFails_EndsFailedWithTheErrorAndTheRestExecute()
    {
        const string prefix = "poison";
        await Workload.SetUpAsync(fixture.Database, prefix, accounts: 2, symbols: 2);
        var poisoned = await fixture.Database.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('poison000', 'POISON0/USDT', 'BUY', 0.9, 1) RETURNING id");
        await Workload.InsertDecisionsAsync(fixture.Database, prefix, 2, 2, 49, 0.3);
        // A real database error the engine cannot foresee: a trigger that refuses this decision's order.
        await fixture.Database.ExecuteAsync($"""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.decision_id = {poisoned} THEN RAISE EXCEPTION 'simulated storage fault'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON paper_orders FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            """);

        using (var process = TradingProcess.Start(fixture.Database.ConnectionString, null, "run"))
        {
            await Workload.WaitUntilNothingPendingAsync(fixture.Database, prefix, TimeSpan.FromMinutes(1));
            Assert.Equal(0, await process.StopAsync());
        }

        await fixture.Database.ExecuteAsync("DROP TRIGGER refuse_poison ON paper_orders; DROP FUNCTION refuse_poison()");
        var row = (await fixture.Database.QueryAsync("SELECT status, status_reason, attempts FROM trading_decisions WHERE id = $1", poisoned)).Single();
        Assert.Equal("failed", row["status"]);
        Assert.Equal("failed after 3 attempts: P0001: simulated storage fault", row["status_reason"]);
        Assert.Equal(3, row["attempts"]);
        await Workload.AssertSoundAsync(fixture.Database, prefix, 50);
    }
}
