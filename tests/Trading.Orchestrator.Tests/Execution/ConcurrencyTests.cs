using Trading.Orchestrator.Execution;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>Many decisions, many accounts, concurrent executors: exactly once, in order, books exact.</summary>
public sealed class ConcurrencyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task RandomisedRun_TenThousandDecisionsTwentyAccountsTenSymbols_InvariantsHold()
    {
        const string prefix = "rnd";
        await Workload.SetUpAsync(fixture.Database, prefix, accounts: 20, symbols: 10);
        var total = 10_000 * Workload.Scale;
        await Workload.InsertDecisionsAsync(fixture.Database, prefix, 20, 10, total, 0.42);

        // Four executors racing over the same accounts, while prices move.
        using var stop = new CancellationTokenSource();
        var quotes = Task.Run(async () =>
        {
            for (var step = 1; !stop.IsCancellationRequested; step++)
            {
                await Workload.QuoteAsync(fixture.Database, prefix, 10, step);
                await Task.Delay(20);
            }
        });
        var executors = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var executor = new DecisionExecutor(fixture.Database.DataSource, TimeProvider.System);
            var finished = 0;
            int count;
            do
            {
                count = (await executor.ExecuteAsync(4, 100, null, CancellationToken.None)).Count;
                finished += count;
            }
            while (count > 0);
            return finished;
        })).ToList();
        var perExecutor = await Task.WhenAll(executors);
        await stop.CancelAsync();
        await quotes;

        Assert.Equal(total, perExecutor.Sum());
        await Workload.AssertSoundAsync(fixture.Database, prefix, total);
        Assert.True(await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM paper_trades WHERE account LIKE '{prefix}%'") > 100);
    }
}
