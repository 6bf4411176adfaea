using Trading.Data.Execution;
using Trading.Data.Tests.Accounts;
using Trading.Testing;

namespace Trading.Data.Tests.Execution;

/// <summary>The mark-to-market tick and a reset running at the same time: the tick never writes the closed epoch into the new one.</summary>
public sealed class SnapshotStoreResetTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 12, 0, 5, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_ResetInProgress_WaitsThenSnapshotsTheNewEpoch()
    {
        var database = fixture.Database;
        await TradedAccount.CreateAsync(database, "ticked");
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var reset = await connection.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand("SELECT reset_account('ticked', 5000)", connection, reset))
        {
            await command.ExecuteNonQueryAsync();
        }

        var tick = SnapshotStore.WriteAsync(database.DataSource, TimeSpan.FromSeconds(10), Now, CancellationToken.None);
        await database.WaitUntilBlockedAsync("%");
        await reset.CommitAsync();
        await tick;

        // The closed epoch (equity 10589.9) would be a new peak; the new one starts at its capital, 5000.
        var snapshots = await database.QueryAsync("SELECT epoch, total_value FROM paper_portfolio_snapshots WHERE time = '2026-11-03 12:00:00+00' AND account = 'ticked'");
        Assert.Equal([(2, 5000m)], snapshots.Select(s => ((int)s["epoch"]!, (decimal)s["total_value"]!)));
        Assert.Null(await database.ScalarAsync<decimal?>("SELECT peak_equity FROM accounts WHERE account = 'ticked'"));
        Assert.Equal(5000m, await database.ScalarAsync<decimal>("SELECT peak_value FROM paper_account_stats WHERE account = 'ticked' AND epoch = 2"));
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM paper_portfolio_snapshots WHERE account = 'ticked' AND epoch = 1"));
        Assert.Empty(await database.QueryAsync("SELECT * FROM invariants() WHERE account LIKE 'ticked%'"));
    }
}
