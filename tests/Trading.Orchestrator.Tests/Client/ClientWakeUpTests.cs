using Trading.Data.Citus;
using Trading.Data.Client;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Client;

/// <summary>
/// A decision saved through the typed client is executed by a running orchestrator whose poll tick is an hour: only the
/// client's own wake-up can have woken it. Here the wake-up triggers are dropped as `migrate --citus` drops them; the
/// body also runs on the Citus cluster (CitusExecutionTests).
/// </summary>
public sealed class ClientWakeUpTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task SavedThroughTheClient_NoTrigger_ExecutedWithoutWaitingForThePollTick()
    {
        foreach (var drop in CitusPlan.TriggerDrops)
        {
            await fixture.Database.ExecuteAsync($"DROP TRIGGER IF EXISTS {drop.Trigger} ON {drop.Table}");
        }

        await ExecutedWithoutThePollTickAsync(fixture.Database, "cw");
    }

    internal static async Task ExecutedWithoutThePollTickAsync(TestDatabase db, string prefix)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (account, symbol) = ($"{prefix}-wake-ef", $"{prefix.ToUpperInvariant()}WAKEEF/USDT");
        await db.ExecuteAsync("INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ($1, 0.01, 0.001, 0)", symbol);
        await db.ExecuteAsync("INSERT INTO accounts (account, slippage_model) VALUES ($1, 'none')", account);
        await db.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), $1, 99.99, 100.01)", symbol);
        var settings = new Dictionary<string, string> { ["Orchestrator__PollInterval"] = "01:00:00", ["Orchestrator__MigrateOnStart"] = "false" };
        using var process = TradingProcess.Start(db.ConnectionString, settings, "run");
        await process.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));

        await using var context = TradingDbContext.Create(db.DataSource);
        var decision = new TradingDecision { Account = account, Symbol = symbol, Decision = "BUY", Confidence = 0.9m, Quantity = 1m };
        context.Decisions.Add(decision);
        await context.SaveChangesAsync();
        await process.WaitForAsync(db, $"SELECT status = 'executed' FROM trading_decisions WHERE account = '{account}' AND id = {decision.Id}");

        Assert.Equal(0, await process.StopAsync());
        Assert.Empty(await db.InvariantViolationsAsync());
    }
}
