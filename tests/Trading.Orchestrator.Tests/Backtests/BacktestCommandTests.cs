using System.Globalization;
using Trading.Orchestrator.Tests.Cli;
using Trading.Orchestrator.Tests.Strategies;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Backtests;

/// <summary>`trading backtest` over the RSI klines (<see cref="RsiReplay"/>): the run, its JSON summary, its storage and its report.</summary>
public sealed class BacktestCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("trading-backtest-").FullName;
    private readonly DateTimeOffset first = RsiReplay.FirstOpen(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Backtest_KlineFile_OneRoundTripStoredAndSummarisedAsJson()
    {
        var (config, klines) = await FilesAsync();

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "backtest", config, "--data", klines,
            "--from", Iso(first), "--to", Iso(RsiReplay.OpenOf(first, RsiReplay.Bars + 1)), "--lookahead-check", "5", "--json");

        Assert.True(exit == 0, output);
        var json = CliRun.Json(output);
        var run = json.GetProperty("run_id").GetInt64();
        Assert.Equal(RsiReplay.Bars, json.GetProperty("events").GetInt64());
        Assert.Equal(14, json.GetProperty("warm_up_bars").GetInt64());
        Assert.Equal(1, json.GetProperty("trades").GetInt64());
        Assert.Equal(2, json.GetProperty("lookahead_checked").GetInt32());
        Assert.Equal(0, json.GetProperty("lookahead_flagged").GetArrayLength());
        var db = fixture.Database;
        Assert.Equal("klines_file", await db.ScalarAsync<string>("SELECT data_source FROM backtest_runs WHERE run_id = $1", run));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM backtest_fills WHERE run_id = $1", run));
        Assert.Equal(RsiReplay.Close(RsiReplay.EntryBar + 1),
            await db.ScalarAsync<decimal>("SELECT quote_last FROM backtest_fills WHERE run_id = $1 AND side = 'buy'", run));
        Assert.Equal(0.001m, await db.ScalarAsync<decimal>("SELECT (account_settings ->> 'fee_rate')::numeric FROM backtest_runs WHERE run_id = $1", run));

        var html = Path.Combine(folder, "bt.html");
        var (reported, text) = await CliRun.RunAsync(db.ConnectionString, "report", "--backtest", run.ToString(CultureInfo.InvariantCulture), "--out", html, "--json");
        Assert.True(reported == 0, text);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains($"Backtest report: run {run} (rsi_bounce_paper)", page, StringComparison.Ordinal);
        Assert.Contains("BTC/USDT:", page, StringComparison.Ordinal); // the trades table names the signals
        Assert.Equal(1, CliRun.Json(text).GetProperty("metrics").GetProperty("total_trades").GetInt32());
    }

    [Fact]
    public async Task Backtest_SameInputsTwice_SameStoredTradesAndFills()
    {
        var (config, klines) = await FilesAsync();
        var runs = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "backtest", config, "--data", klines,
                "--from", Iso(first), "--to", Iso(RsiReplay.OpenOf(first, RsiReplay.Bars + 1)), "--slippage-model", "seed", "--json");
            Assert.True(exit == 0, output);
            runs.Add(CliRun.Json(output).GetProperty("run_id").GetInt64());
        }

        const string Rows = """
            SELECT string_agg(concat_ws(',', f.fill_id, f.side, f.quantity, f.price, f.fee, f.slippage_cost, f.quote_time, f.filled_at, f.signal_key), ';' ORDER BY f.fill_id)
            FROM backtest_fills f WHERE f.run_id = $1
            """;
        Assert.Equal(await fixture.Database.ScalarAsync<string>(Rows, runs[0]), await fixture.Database.ScalarAsync<string>(Rows, runs[1]));
    }

    [Fact]
    public async Task Backtest_UnknownAccount_Exit5()
    {
        var (config, _) = await FilesAsync();

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "backtest", config, "--account", "nobody-here",
            "--from", Iso(first), "--to", Iso(first.AddDays(1)));

        Assert.True(exit == 5, output);
        Assert.Contains("unknown account nobody-here", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_QuotesFileOutOfTimeOrder_Exit2NamingTheQuote()
    {
        var (config, _) = await FilesAsync();
        var quotes = Path.Combine(folder, "quotes.csv");
        await File.WriteAllTextAsync(quotes, $"""
            time,symbol,bid,ask
            {Iso(first.AddMinutes(2))},BTC/USDT,100,100.1
            {Iso(first.AddMinutes(1))},BTC/USDT,100,100.1
            """);

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "backtest", config, "--data", quotes,
            "--from", Iso(first), "--to", Iso(first.AddDays(1)));

        Assert.True(exit == 2, output);
        Assert.Contains("quotes must be in time order; quote 2 (BTC/USDT", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_AgentLogin_NeedsAnAccountItMayReadAndOwnsItsRun()
    {
        var (config, klines) = await FilesAsync();
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        var range = new[] { "--from", Iso(first), "--to", Iso(RsiReplay.OpenOf(first, RsiReplay.Bars + 1)) };

        var (refused, why) = await CliRun.RunAsync(agent.ConnectionString, ["backtest", config, "--data", klines, .. range]);
        Assert.True(refused == 2, why);
        Assert.Contains("pass --account NAME", why, StringComparison.Ordinal);

        await agent.GrantAsync("default");
        var (exit, output) = await CliRun.RunAsync(agent.ConnectionString, ["backtest", config, "--data", klines, "--account", "default", .. range, "--json"]);
        Assert.True(exit == 0, output);
        var run = CliRun.Json(output).GetProperty("run_id").GetInt64();
        Assert.Equal(agent.Name, await fixture.Database.ScalarAsync<string>("SELECT ran_by FROM backtest_runs WHERE run_id = $1", run));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<(string Config, string Klines)> FilesAsync()
    {
        var klines = Path.Combine(folder, "btc-4h-klines.csv");
        var config = Path.Combine(folder, "rsi_bounce.json");
        await File.WriteAllTextAsync(klines, RsiReplay.KlineFile(first));
        await File.WriteAllTextAsync(config, RsiReplay.Strategy);
        return (config, klines);
    }

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
