using Npgsql;
using Trading.Data.Citus;
using Trading.Data.Client;
using Trading.Data.Execution;
using Trading.Testing;

namespace Trading.Data.Tests.Client;

/// <summary>
/// The typed client wakes the orchestrator itself when it adds decisions or cancel requests. The class's database has
/// the wake-up triggers dropped, as `migrate --citus` drops them, so only the client's notification can arrive; it
/// arrives once the rows are committed (they are visible to the listener when it hears it), and a caller's own
/// transaction sends it at that transaction's commit.
/// </summary>
public sealed class WakeUpInterceptorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TestDatabase Db => fixture.Database;

    public async Task InitializeAsync()
    {
        foreach (var drop in CitusPlan.TriggerDrops)
        {
            await Db.ExecuteAsync($"DROP TRIGGER IF EXISTS {drop.Trigger} ON {drop.Table}");
        }

        await Db.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('WAKEEF/USDT', 0.01, 0.001, 0) ON CONFLICT DO NOTHING;
            INSERT INTO accounts (account) VALUES ('wake-ef') ON CONFLICT DO NOTHING;
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveChanges_AddedDecision_NotifiesOnceTheRowIsCommitted()
    {
        await using var listener = await ListenAsync();
        await using var context = TradingDbContext.Create(Db.DataSource);
        var decision = new TradingDecision { Account = "wake-ef", Symbol = "WAKEEF/USDT", Decision = "HOLD", Confidence = 0.5m };
        context.Decisions.Add(decision);

        await context.SaveChangesAsync();

        Assert.True(await listener.WaitAsync(Patience), "no wake-up from the client");
        await using var visible = new NpgsqlCommand("SELECT count(*) FROM trading_decisions WHERE id = $1", listener) { Parameters = { new() { Value = decision.Id } } };
        Assert.Equal(1L, (long)(await visible.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task SaveChanges_CancelRequestInCallersTransaction_NotifiesAtItsCommit()
    {
        await using var listener = await ListenAsync();
        await using var context = TradingDbContext.Create(Db.DataSource);
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            context.CancelRequests.Add(new PaperCancelRequest { Account = "wake-ef", OrderId = 987654321 });
            await context.SaveChangesAsync();
            Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(500)), "notified before the caller's commit");
            await transaction.CommitAsync();
        }

        Assert.True(await listener.WaitAsync(Patience), "no wake-up at the caller's commit");
    }

    private async Task<NpgsqlConnection> ListenAsync()
    {
        var connection = await Db.DataSource.OpenConnectionAsync();
        await using var listen = new NpgsqlCommand($"LISTEN {WakeUps.DecisionsChannel}", connection);
        await listen.ExecuteNonQueryAsync();
        return connection;
    }
}
