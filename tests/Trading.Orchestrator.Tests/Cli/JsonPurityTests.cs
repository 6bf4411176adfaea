using System.Text.Json;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>
/// With --json, stdout is one JSON document and nothing else (logs, progress, tables and hints go to stderr), for
/// every command a script might pipe, including the long-running demo and a benchmark.
/// </summary>
public sealed class JsonPurityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<string> Commands => new()
    {
        "status", "positions", "orders", "trades", "decisions", "accounts list", "check", "gates --account quant",
        "migrate", "db url", "strategy list", "decide HOLD BTC/USDT --confidence 0.5", "cancel --decision 987654321",
        "accounts create jsonpure", "accounts deposit quant 1", "kill-switch --account quant", "resume --account quant",
        "report --account quant --out {tmp}/report.html", "instruments list", "instruments add JSONPURE/USDT --tick 0.01 --lot 1",
        "feed sim --symbols BTC/USDT --from 2026-01-01T00:00:00Z --to 2026-01-01T00:01:00Z",
        "demo --seconds 3 --account jsondemo", "bench views --trades 200 --snapshots 200 --accounts 2 --runs 1 --out {tmp}/views.json",
        "bench run --decisions 200 --accounts 2 --symbols 2 --workers 1 --pgbench-seconds 1 --out {tmp}/run.json",
        "bench latency --rate 20 --seconds 1 --clients 1 --accounts 1 --workers 1 --out {tmp}/latency.json",
        "bench orders --accounts 2 --orders-per-account 2 --rounds 2 --workers 1 --out {tmp}/orders.json",
        "bench ingest --rows 2000 --repeat 1", "bench latest --rows 2000 --instruments 3 --runs 2",
        "bench backtest --events 2000 --out {tmp}/backtest.json",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_Json_StdoutIsOneJsonDocument(string command)
    {
        if (!await fixture.Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = 'quant')"))
        {
            await fixture.Database.ExecuteAsync(CliSeed.Sql);
        }

        var folder = Directory.CreateTempSubdirectory("trading-json-");
        try
        {
            var arguments = command.Replace("{tmp}", folder.FullName, StringComparison.Ordinal).Split(' ').Append("--json").ToArray();
            using var process = TradingProcess.Start(fixture.Database.ConnectionString, null, arguments);
            var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

            Assert.True(exit is 0 or 1 or 6, $"exit {exit}: {process.Output}");
            var stdout = process.StandardOutput.Trim();
            Assert.True(stdout.Length > 0 && stdout[0] is '{' or '[', $"stdout does not start with JSON:\n{stdout}");
            using var document = JsonDocument.Parse(stdout);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
