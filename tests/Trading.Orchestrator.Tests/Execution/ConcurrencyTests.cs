using Trading.Orchestrator.Execution;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>Many decisions, many accounts, concurrent executors: exactly once, in order, books exact.</summary>
public sealed class ConcurrencyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public Task RandomisedRun_TenThousandDecisionsTwentyAccountsTenSymbols_InvariantsHold() =>
        RacingExecutorsAsync(fixture.Database, "rnd", 20, 10_000 * Workload.Scale);

    /// <summary>Four executors race over <paramref name="accounts"/> accounts' <paramref name="total"/> decisions while prices move.</summary>
    internal static async Task RacingExecutorsAsync(TestDatabase database, string prefix, int accounts, int total)
    {
        await Workload.SetUpAsync(database, prefix, accounts, symbols: 10);
        await Workload.InsertDecisionsAsync(database, prefix, accounts, 10, total, 0.42);

        // Four executors racing over the same accounts, while prices move.
        using var stop = new CancellationTokenSource();
        var quotes = Task.Run(async () =>
        {
            for (var step = 1; !stop.IsCancellationRequested; step++)
            {
                await Workload.QuoteAsync(database, prefix, 10, step);
                await Task.Delay(20);
            }
        });
        var executors = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var executor = new DecisionExecutor(database.DataSource, TimeProvider.System);
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
        await Workload.AssertSoundAsync(database, prefix, total);
        Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM paper_trades WHERE account LIKE '{prefix}%'") > total / 100);
    }
}
