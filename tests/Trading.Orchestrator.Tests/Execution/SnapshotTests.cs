using Trading.Data.Execution;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>The mark-to-market tick writes one row per account and bucket, however often it runs.</summary>
public sealed class SnapshotTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task WriteAsync_TwiceInOneBucket_OneRowWithTheLatestValues()
    {
        var bucket = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('snap')");

        await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), bucket.AddSeconds(1), CancellationToken.None);
        await fixture.Database.ExecuteAsync("""
            UPDATE accounts SET cash = cash + 5 WHERE account = 'snap';
            INSERT INTO paper_ledger (account, time, kind, amount) VALUES ('snap', now(), 'deposit', 5);
            """);
        await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), bucket.AddSeconds(9), CancellationToken.None);
        await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), bucket.AddSeconds(10), CancellationToken.None);

        var rows = await fixture.Database.QueryAsync("SELECT time, cash FROM paper_portfolio_snapshots WHERE account = 'snap' ORDER BY time");
        Assert.Equal(2, rows.Count);
        Assert.Equal(10005m, (decimal)rows[0]["cash"]!);
        Assert.Equal(bucket, new DateTimeOffset((DateTime)rows[0]["time"]!, TimeSpan.Zero));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }
}
