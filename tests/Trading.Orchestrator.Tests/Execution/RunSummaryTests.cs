using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>`trading run` says what it does: a periodic one-line summary, and with --verbose each rejection and its reason.</summary>
public sealed class RunSummaryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Run_Verbose_LogsEachRejectionAndASummaryCountingIt()
    {
        await fixture.Database.ExecuteAsync("""
            INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('NOQUOTE/USDT', 0.01, 0.001, 0);
            INSERT INTO accounts (account) VALUES ('summary');
            """);
        var environment = new Dictionary<string, string> { ["Orchestrator__SummaryInterval"] = "00:00:01", ["Orchestrator__MigrateOnStart"] = "false" };
        using var process = TradingProcess.Start(fixture.Database.ConnectionString, environment, "run", "--verbose");
        var id = await fixture.Database.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ('summary', 'NOQUOTE/USDT', 'BUY', 0.9, 1) RETURNING id");
        await process.WaitForAsync(fixture.Database, $"SELECT status = 'rejected' FROM trading_decisions WHERE id = {id}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!process.Output.Contains("1 rejected", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await process.StopAsync());
        var output = process.Output;
        var reason = await fixture.Database.ScalarAsync<string>($"SELECT status_reason FROM trading_decisions WHERE id = {id}");
        Assert.Contains($"Decision {id} of summary rejected: {reason}", output, StringComparison.Ordinal);
        Assert.Matches(@"last 1 s: 1 decisions \(0 executed, 0 skipped, 1 rejected, 0 failed\), 0 fills, latency mean [0-9.]+ ms max [0-9.]+ ms; 1 since start", output);
    }
}
