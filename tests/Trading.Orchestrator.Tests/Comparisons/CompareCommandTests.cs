using System.Text.Json;
using Trading.Data.Comparisons;
using Trading.Orchestrator.Tests.Cli;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Tests.Comparisons;

/// <summary>
/// Seed 004's RSI strategy run as a real replay session (<see cref="Strategies.RsiReplay"/>: one BUY at bar 31, one CLOSE at bar 43),
/// compared with stored backtest runs made from its own results: identical, then with the backtest's entry one unit
/// cheaper (its quote one lower). Each run is compared by the real `trading compare`, as JSON, text and HTML.
/// </summary>
public sealed class CompareCommandTests(ComparedSessionFixture fixture) : IClassFixture<ComparedSessionFixture>
{
    private long Session => fixture.Session;

    [Fact]
    public async Task Compare_BacktestOfTheSameFills_MatchesAndBridgesNothing()
    {
        var run = await BacktestRunCopy.CreateAsync(fixture.Database, Session, 0m);

        var json = await CompareAsync("--session", $"{Session}", "--backtest", $"{run}", "--json");

        Assert.Equal("matches", json.GetProperty("assessment").GetProperty("verdict").GetString());
        var pair = Assert.Single(json.GetProperty("pairs").EnumerateArray());
        Assert.Equal(0m, pair.GetProperty("net_difference").GetDecimal());
        Assert.Equal(0m, json.GetProperty("bridge").GetProperty("difference").GetDecimal());
        Assert.Empty(json.GetProperty("bridge").GetProperty("steps").EnumerateArray());
        Assert.Empty(json.GetProperty("unmatched").GetProperty("paper").EnumerateArray());
        var table = json.GetProperty("table").EnumerateArray().ToDictionary(r => r.GetProperty("metric").GetString()!, r => r);
        Assert.Equal("1", table["Trades"].GetProperty("paper").GetString());
        Assert.Equal(table["Win Rate"].GetProperty("backtest").GetString(), table["Win Rate"].GetProperty("paper").GetString());
        Assert.True(json.GetProperty("similarity").GetProperty("points").GetInt32() > 0);
        Assert.Equal(0m, json.GetProperty("similarity").GetProperty("dtw_distance").GetDecimal());
    }

    [Fact]
    public async Task Compare_BacktestEnteredOneLower_LatencyExplainsTheWholeDifferenceToTheCent()
    {
        var run = await BacktestRunCopy.CreateAsync(fixture.Database, Session, 1m);
        var quantity = await fixture.Database.ScalarAsync<decimal>(
            "SELECT sum(quantity) FROM paper_trades WHERE account = 'compare-rsi'");

        var json = await CompareAsync("--session", $"{Session}", "--backtest", $"{run}", "--json");

        // Paper paid 1 more per unit at entry: its quote's mid was 1 higher for the same signal price (the bar close).
        var pair = Assert.Single(json.GetProperty("pairs").EnumerateArray());
        var entry = pair.GetProperty("entry_price_difference");
        Assert.Equal((1m, 1m, 0m, 0m, 0m), (entry.GetProperty("total").GetDecimal(), entry.GetProperty("latency").GetDecimal(),
            entry.GetProperty("different_quote").GetDecimal(), entry.GetProperty("spread").GetDecimal(), entry.GetProperty("slippage").GetDecimal()));
        Assert.Equal(-quantity, pair.GetProperty("net_difference").GetDecimal());
        var bridge = json.GetProperty("bridge");
        Assert.Equal(-quantity, bridge.GetProperty("difference").GetDecimal());
        var step = Assert.Single(bridge.GetProperty("steps").EnumerateArray());
        Assert.Equal(("latency", -quantity, Math.Round(-quantity, 2)),
            (step.GetProperty("cause").GetString(), step.GetProperty("amount").GetDecimal(), step.GetProperty("cents").GetDecimal()));
    }

    [Fact]
    public async Task Compare_LatencyAndSlippage_BridgeExplainsTheWholeDifference()
    {
        // The backtest entered 1 lower (its quote) and sold 0.25 higher (less slippage, same quote): paper is
        // 1.25 × quantity behind, 1 × quantity of it latency and 0.25 × quantity slippage.
        var run = await BacktestRunCopy.CreateAsync(fixture.Database, Session, 1m, 0.25m);
        var quantity = await fixture.Database.ScalarAsync<decimal>("SELECT sum(quantity) FROM paper_trades WHERE account = $1", ComparedSessionFixture.Account);

        var json = await CompareAsync("--session", $"{Session}", "--backtest", $"{run}", "--json");

        var bridge = json.GetProperty("bridge");
        Assert.Equal(-1.25m * quantity, bridge.GetProperty("difference").GetDecimal());
        Assert.Equal([("latency", -quantity), ("slippage", -0.25m * quantity)],
            bridge.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("cause").GetString(), s.GetProperty("amount").GetDecimal())));
        Assert.Equal(bridge.GetProperty("difference_cents").GetDecimal(), bridge.GetProperty("steps").EnumerateArray().Sum(s => s.GetProperty("cents").GetDecimal()));
        var exit = Assert.Single(json.GetProperty("pairs").EnumerateArray()).GetProperty("exit_price_difference");
        Assert.Equal((-0.25m, -0.25m), (exit.GetProperty("total").GetDecimal(), exit.GetProperty("slippage").GetDecimal()));
    }

    [Fact]
    public async Task Compare_TextAndHtml_SeedTableAssessmentBridgeAndBothCurves()
    {
        var run = await BacktestRunCopy.CreateAsync(fixture.Database, Session, 1m);
        var html = Path.Combine(fixture.Folder, "compare.html");

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "compare", "--session", $"{Session}", "--backtest", $"{run}", "--out", html);

        Assert.True(exit == 0, output);
        foreach (var text in new[] { "Strategy Validation: rsi_bounce_paper", "Win Rate", "Max DD", "Sharpe", "Avg slippage", "Assessment: ", "P&L bridge", "latency" })
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }

        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("data-name=\"Backtest\"", page, StringComparison.Ordinal);
        Assert.Contains("data-name=\"Paper\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"bridge\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"verdict\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_Json_StdoutIsOneJsonDocument()
    {
        var run = await BacktestRunCopy.CreateAsync(fixture.Database, Session, 0m);
        using var process = TradingProcess.Start(fixture.Database.ConnectionString, null, "compare", "--session", $"{Session}", "--backtest", $"{run}", "--json");

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        using var document = JsonDocument.Parse(process.StandardOutput);
        Assert.Equal("matches", document.RootElement.GetProperty("assessment").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Compare_UnknownSessionOrBadTolerance_ClearErrors()
    {
        var (unknown, missing) = await CliRun.RunAsync(fixture.Database.ConnectionString, "compare", "--session", "987654", "--backtest", "1");
        var (badTolerance, tolerance) = await CliRun.RunAsync(fixture.Database.ConnectionString, "compare", "--session", $"{Session}", "--dd-tolerance", "-1");

        Assert.Equal((5, 2), (unknown, badTolerance));
        Assert.Contains("no strategy session 987654", missing, StringComparison.Ordinal);
        Assert.Contains("drawdown_points", tolerance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_NoBacktestGiven_BacktestsTheSessionsOwnPeriodAndStoresTheRun()
    {
        var runs = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM backtest_runs");

        using var process = TradingProcess.Start(fixture.Database.ConnectionString, null, "compare", "--session", $"{Session}", "--json");

        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"exit {exit}: {process.Output}");
        using var document = JsonDocument.Parse(process.StandardOutput);
        Assert.Equal(runs + 1, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM backtest_runs"));
        var checksum = await fixture.Database.ScalarAsync<string>("SELECT checksum FROM strategy_sessions WHERE session_id = $1", Session);
        Assert.Equal(checksum, await fixture.Database.ScalarAsync<string>("SELECT checksum FROM backtest_runs ORDER BY run_id DESC LIMIT 1"));
        // The same strategy over the same quotes with the same settings: the same entries (the seed slippage's noise aside).
        Assert.True(document.RootElement.GetProperty("pairs").GetArrayLength() > 0, process.StandardOutput);
        // A real paper session against a real backtest, latency and slippage on: the bridge explains the whole difference.
        var bridge = document.RootElement.GetProperty("bridge");
        var steps = bridge.GetProperty("steps").EnumerateArray().Sum(s => s.GetProperty("amount").GetDecimal());
        Assert.Equal(bridge.GetProperty("paper_net_pnl").GetDecimal() - bridge.GetProperty("backtest_net_pnl").GetDecimal(), bridge.GetProperty("difference").GetDecimal());
        Assert.Equal(bridge.GetProperty("difference").GetDecimal(), steps);
    }

    [Fact]
    public async Task PaperShortfall_TheSessionsBuy_IdealIsTheBarCloseAndThePartsAddUp()
    {
        var rows = await fixture.Database.QueryAsync("""
            SELECT s.ideal_mid, s.quantity, s.delay_cost, s.spread_cost, s.slippage_cost, s.fees, s.shortfall, s.confidence_bucket, s.agent
            FROM v_paper_shortfall s WHERE s.strategy_session_id = $1 AND s.decision = 'BUY'
            """, Session);

        // Decided on bar 31's close (97), filled on the next quote (bar 32's close, 98): a delay of 1 per unit.
        var row = Assert.Single(rows);
        var quantity = (decimal)row["quantity"]!;
        Assert.Equal(97m, (decimal)row["ideal_mid"]!);
        Assert.Equal(quantity, (decimal)row["delay_cost"]!);
        Assert.Equal((decimal)row["shortfall"]!, (decimal)row["delay_cost"]! + (decimal)row["spread_cost"]! + (decimal)row["slippage_cost"]! + (decimal)row["fees"]!);
        Assert.Equal("strategy:rsi_bounce_paper", row["agent"]);
        var summary = await fixture.Database.QueryAsync(
            "SELECT decisions, shortfall FROM v_paper_shortfall_summary WHERE account = 'compare-rsi' AND agent = 'strategy:rsi_bounce_paper'");
        Assert.Equal(2L, summary.Sum(r => (long)r["decisions"]!));
    }

    [Fact]
    public async Task BacktestViews_RunBesideItsSession_PairAndFiguresInSql()
    {
        var run = await BacktestRunCopy.CreateAsync(fixture.Database, Session, 1m);
        var quantity = await fixture.Database.ScalarAsync<decimal>("SELECT sum(quantity) FROM paper_trades WHERE account = $1", ComparedSessionFixture.Account);

        var pair = (await fixture.Database.QueryAsync(
            "SELECT * FROM v_backtest_trade_pairs WHERE run_id = $1 AND session_id = $2", run, Session)).Single();
        var figures = (await fixture.Database.QueryAsync(
            "SELECT * FROM v_backtest_vs_paper WHERE run_id = $1 AND session_id = $2", run, Session)).Single();

        Assert.Equal((1m, 0m, -quantity), ((decimal)pair["entry_price_difference"]!, (decimal)pair["exit_price_difference"]!, (decimal)pair["net_difference"]!));
        Assert.Equal((1L, 1L, 1L, 0L, 0L), ((long)figures["backtest_trades"]!, (long)figures["paper_trades"]!, (long)figures["paired_signals"]!,
            (long)figures["backtest_only_trades"]!, (long)figures["paper_only_trades"]!));
        Assert.Equal(-quantity, (decimal)figures["net_difference"]!);
    }

    [Fact]
    public async Task PaperSide_RecordedEquity_FiguresEqualThePerformanceView()
    {
        // One definition of each figure: the comparison's maths on the loaded paper side gives what
        // v_paper_performance_metrics gives for the session's account (its only trades are the session's).
        var (_, paper) = (await PaperSideStore.LoadAsync(fixture.Database.DataSource, Session, CancellationToken.None))!.Value;
        var view = (await fixture.Database.QueryAsync(
            "SELECT * FROM v_paper_performance_metrics WHERE account = $1", ComparedSessionFixture.Account)).Single();

        var m = PerformanceMath.Of(paper);

        Assert.Equal((long)view["total_trades"]!, m.Trades);
        Assert.Equal((decimal?)view["win_rate"], m.WinRate);
        Assert.Equal((decimal?)view["profit_factor"], m.ProfitFactor);
        Assert.Equal((decimal?)view["expectancy"], m.Expectancy);
        Assert.Equal((decimal)view["total_pnl"]!, m.TotalPnl);
        Assert.Equal((decimal)view["total_fees"]!, m.TotalFees);
        Assert.Equal((decimal)view["max_drawdown_pct"]!, m.MaxDrawdownPct);
        Assert.Equal((decimal?)view["sharpe_ratio"], m.SharpeRatio);
        Assert.Equal((long)view["days_with_snapshots"]!, m.Days);
    }

    private async Task<JsonElement> CompareAsync(params string[] arguments)
    {
        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, ["compare", .. arguments]);
        Assert.True(exit == 0, output);
        return CliRun.Json(output);
    }
}
