using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>Inserting decisions wakes the orchestrator with one notification per transaction, not one per row.</summary>
public sealed class NotifyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Insert_ManyRowsInOneTransaction_SendsOneNotification()
    {
        await using var listener = await fixture.Database.DataSource.OpenConnectionAsync();
        var received = 0;
        listener.Notification += (_, e) =>
        {
            if (e.Channel == "trading_decisions")
            {
                Interlocked.Increment(ref received);
            }
        };
        await using (var listen = new NpgsqlCommand("LISTEN trading_decisions", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using (var writer = await fixture.Database.DataSource.OpenConnectionAsync())
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO trading_decisions (symbol, decision, confidence) SELECT 'BTC/USDT', 'BUY', 0.7 FROM generate_series(1, 50)",
                    writer, transaction);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        // Drain everything the server sends within a generous window.
        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(300)))
        {
        }

        Assert.Equal(1, received);
    }
}
