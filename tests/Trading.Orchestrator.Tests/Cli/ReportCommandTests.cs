using System.Text.Json;
using System.Text.RegularExpressions;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>`trading report` and `trading gates` on the hand-made account of <see cref="CliSeed"/>.</summary>
public sealed partial class ReportCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Connection => fixture.Database.ConnectionString;

    [Fact]
    public async Task Report_WholeHistory_MetricsEqualHandComputedFigures()
    {
        await SeedAsync();
        var html = Path.Combine(Directory.CreateTempSubdirectory("cli-report-").FullName, "quant.html");

        var (exit, output) = await CliRun.RunAsync(Connection, "report", "--account", "quant", "--out", html, "--json");

        Assert.Equal(0, exit);
        var json = CliRun.Json(output);
        Assert.Equal(8, json.GetProperty("points").GetInt32());
        var m = json.GetProperty("metrics");
        Assert.Equal(5, m.GetProperty("total_trades").GetInt64());
        Assert.Equal(60m, m.GetProperty("win_rate").GetDecimal());
        Assert.Equal(151m, m.GetProperty("total_pnl").GetDecimal());
        Assert.Equal(9m, m.GetProperty("total_fees").GetDecimal());
        Assert.Equal(2.7976m, m.GetProperty("profit_factor").GetDecimal());
        Assert.Equal(30.2m, m.GetProperty("expectancy").GetDecimal());
        Assert.Equal(78.3333333333m, m.GetProperty("average_win").GetDecimal());
        Assert.Equal(-42m, m.GetProperty("average_loss").GetDecimal());
        Assert.Equal("15:36:00", m.GetProperty("average_trade_duration").GetString());
        Assert.Equal(0.9836m, m.GetProperty("trades_per_day").GetDecimal());
        Assert.Equal(-0.6829m, m.GetProperty("max_drawdown_pct").GetDecimal());
        Assert.Equal(-70m, m.GetProperty("max_drawdown").GetDecimal());
        Assert.Equal(7m, m.GetProperty("days_covered").GetDecimal());
        Assert.Equal(3.9604m, m.GetProperty("return_pct").GetDecimal());
        // Sharpe and Sortino: the same figures as the view's, which its own tests compute by hand.
        var view = (await fixture.Database.QueryAsync("SELECT sharpe_ratio, sortino_ratio FROM v_paper_performance_metrics WHERE account = 'quant'")).Single();
        Assert.Equal((decimal)view["sharpe_ratio"]!, m.GetProperty("sharpe_ratio").GetDecimal());
        Assert.Equal((decimal)view["sortino_ratio"]!, m.GetProperty("sortino_ratio").GetDecimal());
    }

    [Fact]
    public async Task Report_WholeHistory_HtmlHasSelfContainedSvgChartsWithOnePointPerSnapshot()
    {
        await SeedAsync();
        var html = Path.Combine(Directory.CreateTempSubdirectory("cli-report-").FullName, "quant.html");

        var (exit, output) = await CliRun.RunAsync(Connection, "report", "--account", "quant", "--out", html);

        Assert.Equal(0, exit);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(html);
        var polylines = Polyline().Matches(text);
        Assert.Equal(2, polylines.Count);
        foreach (Match polyline in polylines)
        {
            Assert.Equal("8", polyline.Groups["count"].Value);
            Assert.Equal(8, polyline.Groups["points"].Value.Split(' ').Length);
        }

        Assert.Contains("<svg id=\"equity\"", text, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"drawdown\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Window_CountsOnlyTradesAndSnapshotsInside()
    {
        await SeedAsync();
        var html = Path.Combine(Directory.CreateTempSubdirectory("cli-report-").FullName, "window.html");

        var (exit, output) = await CliRun.RunAsync(Connection, "report", "-a", "quant", "--from", "2026-10-04T00:00:00Z", "--to", "2026-10-07T00:00:00Z", "-o", html, "--json");

        Assert.Equal(0, exit);
        var json = CliRun.Json(output);
        Assert.Equal(3, json.GetProperty("points").GetInt32());
        var m = json.GetProperty("metrics");
        Assert.Equal(2, m.GetProperty("total_trades").GetInt64());
        Assert.Equal(50m, m.GetProperty("win_rate").GetDecimal());
        Assert.Equal(2.4375m, m.GetProperty("profit_factor").GetDecimal());
        Assert.Equal(46m, m.GetProperty("total_pnl").GetDecimal());
        Assert.Equal(-0.2907m, m.GetProperty("max_drawdown_pct").GetDecimal());
        Assert.Equal(-30m, m.GetProperty("max_drawdown").GetDecimal());
    }

    [SkippableFact]
    public async Task Report_Png_RendersANonTrivialScreenshot()
    {
        Skip.IfNot(File.Exists("/usr/bin/chromium"), "chromium is not installed");
        await SeedAsync();
        var folder = Directory.CreateTempSubdirectory("cli-report-").FullName;

        var (exit, output) = await CliRun.RunAsync(Connection, "report", "-a", "quant", "-o", Path.Combine(folder, "r.html"), "--png", Path.Combine(folder, "r.png"));

        Assert.True(exit == 0, output);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, "r.png"));
        Assert.True(PngImage.HasSignature(bytes));
        Assert.True(bytes.Length > 20_000, $"{bytes.Length} bytes");
        var image = PngImage.Decode(bytes);
        Assert.Equal((1280, 1600), (image.Width, image.Height));
        var total = image.Width * image.Height;
        Assert.True(image.Count((r, g, b) => r < 240 || g < 240 || b < 240) > total / 100, "the screenshot is (almost) all white");
        // The equity line (#1f6feb) and the drawdown line (#c0262d) are drawn.
        Assert.True(image.Count((r, g, b) => b > 200 && r < 80 && g is > 80 and < 140) > 200, "no blue equity line");
        Assert.True(image.Count((r, g, b) => r > 160 && g < 70 && b < 70) > 200, "no red drawdown line");
    }

    [Fact]
    public async Task Report_PngWithoutChromium_WritesHtmlSaysSoExitsToolMissing()
    {
        await SeedAsync();
        var folder = Directory.CreateTempSubdirectory("cli-report-").FullName;
        var environment = new Dictionary<string, string> { ["TRADING_CHROMIUM"] = "/nonexistent/chromium" };

        var (exit, output) = await CliRun.RunAsync(Connection, environment, "report", "-a", "quant", "-o", Path.Combine(folder, "r.html"), "--png", Path.Combine(folder, "r.png"));

        Assert.Equal(9, exit);
        Assert.Contains("chromium is not installed", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "r.html")));
        Assert.False(File.Exists(Path.Combine(folder, "r.png")));
    }

    [Theory]
    [InlineData(2, "--account is required", "report")]
    [InlineData(5, "unknown account 'nobody'", "report", "--account", "nobody")]
    [InlineData(2, "is not before --to", "report", "--account", "quant", "--from", "2026-10-05", "--to", "2026-10-04")]
    [InlineData(2, "--account is required", "gates")]
    [InlineData(5, "unknown account 'nobody'", "gates", "-a", "nobody")]
    public async Task ReportAndGates_BadArguments_ClearMessageAndExitCode(int expectedExit, string message, params string[] arguments)
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, arguments);

        Assert.Equal(expectedExit, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gates_SeedDefaults_DaysAndTradesFailExitGatesFailed()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "gates", "--account", "quant", "--json");

        Assert.Equal(6, exit);
        var json = CliRun.Json(output);
        Assert.False(json.GetProperty("passed").GetBoolean());
        var gates = json.GetProperty("gates").EnumerateArray().ToDictionary(g => g.GetProperty("gate").GetString()!);
        Assert.Equal((7m, 60m, false), Gate(gates["days"]));
        Assert.Equal((5m, 20m, false), Gate(gates["trades"]));
        Assert.Equal((60m, 50m, true), Gate(gates["win_rate"]));
        Assert.Equal((2.7976m, 1.0m, true), Gate(gates["profit_factor"]));
        Assert.True(gates["sharpe"].GetProperty("passed").GetBoolean());
        Assert.Equal((-0.6829m, -10m, true), Gate(gates["max_drawdown_pct"]));
    }

    [Fact]
    public async Task Gates_RelaxedThresholds_AllPassExitZeroTablePrintsPass()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "gates", "--account", "quant", "--min-days", "7", "--min-trades", "5");

        Assert.Equal(0, exit);
        Assert.Equal(6, Regex.Count(output, "PASS"));
        Assert.Contains("all gates pass", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gates_WinRateThresholdEqualToFigure_FailsBecauseTheSeedSaysAbove()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "gates", "-a", "quant", "--min-days", "7", "--min-trades", "5", "--min-win-rate", "60");

        Assert.Equal(6, exit);
        Assert.Contains("1 of 6 gates fail", output, StringComparison.Ordinal);
    }

    private static (decimal Figure, decimal Threshold, bool Passed) Gate(JsonElement gate) =>
        (gate.GetProperty("figure").GetDecimal(), gate.GetProperty("threshold").GetDecimal(), gate.GetProperty("passed").GetBoolean());

    private async Task SeedAsync()
    {
        if (!await fixture.Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = 'quant')"))
        {
            await fixture.Database.ExecuteAsync(CliSeed.Sql);
        }
    }

    [GeneratedRegex("<polyline class=\"series\" data-points=\"(?<count>\\d+)\" points=\"(?<points>[^\"]*)\"")]
    private static partial Regex Polyline();
}
