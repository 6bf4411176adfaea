using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>`trading strategy validate|start|status|stop|list`: seed 004's START / MONITOR / STOP from the command line.</summary>
public sealed class StrategyCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("trading-strategy-cli-").FullName;

    [Fact]
    public async Task Validate_SeedExample_ValidWithItsChecksum()
    {
        var file = await WriteAsync("rsi.json", Strategies.RsiReplay.Strategy);

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "validate", file);

        Assert.True(exit == 0, output);
        Assert.Matches("rsi.json: valid: rsi_bounce_paper, 4h bars of BTC/USDT, 15 bars of warm-up, checksum [0-9a-f]{64}", output);
    }

    [Fact]
    public async Task Validate_Errors_EachWithItsJsonPathAndExitTwo()
    {
        var file = await WriteAsync("bad.json", Strategies.RsiReplay.Strategy
            .Replace("\"period\": 14", "\"period\": 0", StringComparison.Ordinal)
            .Replace("\"operator\": \"gt\"", "\"operator\": \"above\"", StringComparison.Ordinal));

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "validate", file);

        Assert.Equal(2, exit);
        Assert.Contains("$.indicators[0].params.period", output, StringComparison.Ordinal);
        Assert.Contains("$.exit_conditions[0].operator", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartStatusStop_Lifecycle_SessionRunsThenStopsWithItsReport()
    {
        var file = await WriteAsync("life.json", Strategies.RsiReplay.Strategy.Replace("rsi_bounce_paper", "lifecycle", StringComparison.Ordinal));

        var (started, json) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "start", file, "--capital", "5000", "--json");
        Assert.True(started == 0, json);
        var id = CliRun.Json(json).GetProperty("session_id").GetInt64();
        Assert.Equal("strategy-lifecycle", CliRun.Json(json).GetProperty("account").GetString());

        var (listed, table) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "list");
        Assert.True(listed == 0, table);
        Assert.Contains("lifecycle", table, StringComparison.Ordinal);

        var (status, one) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "status", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(status == 0, one);
        var row = CliRun.Json(one).EnumerateArray().Single();
        Assert.Equal(("running", 5000m), (row.GetProperty("status").GetString(), row.GetProperty("equity").GetDecimal()));

        var (stopped, report) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "stop", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(stopped == 0, report);
        var result = CliRun.Json(report);
        Assert.Equal("stopped", result.GetProperty("session").GetProperty("status").GetString());
        Assert.True(result.GetProperty("gates").GetArrayLength() > 0);

        var (again, message) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "stop", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(10, again);
        Assert.Contains("already stopped", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownSession_NotFound()
    {
        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "strategy", "status", "424242");

        Assert.Equal(5, exit);
        Assert.Contains("no strategy session 424242", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
