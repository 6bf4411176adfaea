using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Views;

/// <summary>
/// A batch (paper_add_trades) and the mark-to-market tick (paper_add_snapshots) lock an account's aggregate rows in one
/// order, stats row first, then its daily row; opposite orders deadlocked whenever both met on one account. Shown by
/// holding the stats row: the blocked writer must not yet hold the daily row.
/// </summary>
public sealed class AggregateLockOrderTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<string, string> Writers => new()
    {
        { "trades", "SELECT paper_add_trades(ARRAY[$1], ARRAY[1], ARRAY[now()], ARRAY[1.5], ARRAY[2.5], ARRAY[1], ARRAY[interval '1 minute'])" },
        { "snapshots", "SELECT paper_add_snapshots(ARRAY[$1], ARRAY[1], ARRAY[now()], ARRAY[10000])" },
    };

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Writer_StatsRowHeld_WaitsBeforeTakingTheDailyRow(string name, string writer)
    {
        var account = $"lock-{name}";
        var database = fixture.Database;
        await database.ExecuteAsync($"""
            INSERT INTO accounts (account) VALUES ('{account}');
            INSERT INTO paper_account_stats (account) VALUES ('{account}');
            INSERT INTO paper_daily_equity (account, day) VALUES ('{account}', (now() AT TIME ZONE 'UTC')::date);
            """);

        await using var holder = await database.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockStats = new NpgsqlCommand($"SELECT 1 FROM paper_account_stats WHERE account = '{account}' FOR UPDATE", holder, hold))
        {
            await lockStats.ExecuteNonQueryAsync();
        }

        var blocked = database.ExecuteAsync(writer, account);
        await database.WaitUntilBlockedAsync($"SELECT paper_add_{name}%");

        // The daily row is free: the blocked writer took nothing after the stats row.
        await using (var probe = await database.DataSource.OpenConnectionAsync())
        await using (var probeTx = await probe.BeginTransactionAsync())
        await using (var lockDaily = new NpgsqlCommand($"SELECT 1 FROM paper_daily_equity WHERE account = '{account}' FOR UPDATE NOWAIT", probe, probeTx))
        {
            await lockDaily.ExecuteNonQueryAsync();
            await probeTx.RollbackAsync();
        }

        await hold.RollbackAsync();
        await blocked; // and the writer goes on once the stats row is free
    }
}
