using System.Text.Json;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>
/// What `trading report` shows beyond the metrics: the headline of an account holding only open positions, the
/// breakdowns of <see cref="CliSeed"/>'s quant account, and where the file goes without --out.
///
/// holder: capital 10000; bought 0.1 BTC/USDT for 5000 with a 5 fee; the newest quote is 49000 bid and ask, so the
///   position is worth 4900: equity 4995 + 4900 = 9895, total P&amp;L -105 = unrealised -100 - entry fee 5, realised 0.
///   Snapshots an hour ago (9995) and now (9895). Buy and hold BTC from the first quote at or after the first snapshot
///   (49500, half an hour ago) to the last (49000): -1.0101 %; as a curve from 9995: 9995 × 50000 / 49500, then × 49000 / 49500.
/// </summary>
public sealed class ReportPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string HolderSql = """
        INSERT INTO accounts (account, initial_capital, cash) VALUES ('holder', 10000, 4995);
        INSERT INTO paper_ledger (account, time, kind, amount) VALUES ('holder', now(), 'trade', -5000), ('holder', now(), 'fee', -5);
        INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at)
        VALUES ('holder', 'BTC/USDT', 'long', 0.1, 5000, 5, now(), now());
        INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now(), 'BTC/USDT', 49000, 49000),
            (now() - interval '2 hours', 'BTC/USDT', 50000, 50000), (now() - interval '30 minutes', 'BTC/USDT', 49500, 49500);
        INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl, realized_pnl,
                                               total_pnl, total_pnl_pct, num_positions)
        VALUES (now() - interval '1 hour', 'holder', 4995, 5000, 9995, 5000, 0, 0, -5, -0.05, 1),
               (now(), 'holder', 4995, 4900, 9895, 4900, -100, 0, -105, -1.05, 1);
        SELECT refresh_account_stats('holder');
        """;

    [Fact]
    public async Task Report_OnlyOpenLongs_HeadlineShowsUnrealisedAndFeesPaid()
    {
        var (json, page) = await ReportAsync("holder");

        var h = json.GetProperty("headline");
        Assert.Equal(9895m, h.GetProperty("equity").GetDecimal());
        Assert.Equal(-105m, h.GetProperty("total_pnl").GetDecimal());
        Assert.Equal(0m, h.GetProperty("realized_net").GetDecimal());
        Assert.Equal(-100m, h.GetProperty("unrealized_pnl").GetDecimal());
        Assert.Equal(5m, h.GetProperty("fees_paid").GetDecimal());
        Assert.Equal(5m, h.GetProperty("open_entry_fees").GetDecimal());
        Assert.Contains("-105.00", page, StringComparison.Ordinal);
        Assert.Contains("-100.00", page, StringComparison.Ordinal);
        Assert.Contains("Open positions and exposure", page, StringComparison.Ordinal);
        Assert.Contains("49,000.00", page, StringComparison.Ordinal);
        Assert.Equal(-1.0101m, json.GetProperty("benchmark_return_pct").GetDecimal());
        Assert.Matches("<polyline class=\"comparison\" points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+\"", page);
    }

    [Fact]
    public async Task Report_Quant_BreakdownsAddUpToTheMetrics()
    {
        var (json, page) = await ReportAsync("quant");

        var bySymbol = json.GetProperty("by_symbol").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, Group);
        Assert.Equal((2L, 66m, 4m), bySymbol["BTC/USDT"]);
        Assert.Equal((2L, 7m, 3m), bySymbol["ETH/USDT"]);
        Assert.Equal((1L, 78m, 2m), bySymbol["SOL/USDT"]);
        var byAgent = json.GetProperty("by_agent").EnumerateArray().Select(Group).Single();
        Assert.Equal((5L, 151m, 9m), byAgent);
        Assert.Equal(5L, json.GetProperty("returns_histogram").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        var decisions = json.GetProperty("decisions").EnumerateArray().ToDictionary(d => d.GetProperty("status").GetString()!, d => d.GetProperty("count").GetInt64());
        Assert.Equal(1L, decisions["rejected"]);
        Assert.Equal(1L, decisions["skipped"]);
        var reasons = json.GetProperty("rejection_reasons").EnumerateArray().Select(r => r.GetProperty("example").GetString()).ToList();
        Assert.Contains("no price for ETH/USDT", reasons);
        Assert.Contains("confidence below threshold", reasons);

        foreach (var section in new[]
        {
            "Distribution of trade returns", "gross P&amp;L, fees, net P&amp;L", "Why decisions were not executed", "Results per symbol",
            "Results per agent", "Against buying and holding", "Closed trades", "Account settings that produced these figures",
        })
        {
            Assert.Contains(section, page, StringComparison.Ordinal);
        }

        // Money in cents, never four places; the period in words, not "Days covered / with snapshots 0 / 1".
        Assert.Contains("+151.00", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Days covered", page, StringComparison.Ordinal);
        Assert.Contains("7 days, on 8 UTC days", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoOut_WritesToTheReportsFolderNotTheWorkingFolderAndSaysWhere()
    {
        await SeedAsync();
        var home = Directory.CreateTempSubdirectory("cli-report-home-").FullName;
        var environment = new Dictionary<string, string> { ["XDG_DATA_HOME"] = home, ["HOME"] = home };

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, environment, "report", "-a", "quant");

        Assert.True(exit == 0, output);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "report.html")));
        var expected = Environment.IsPrivilegedProcess ? "/var/lib/trading/reports/quant.html" : Path.Combine(home, "trading", "reports", "quant.html");
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.True(File.Exists(expected));
        File.Delete(expected);
    }

    private async Task<(JsonElement Json, string Page)> ReportAsync(string account)
    {
        await SeedAsync();
        var html = Path.Combine(Directory.CreateTempSubdirectory("cli-report-").FullName, account + ".html");
        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "report", "-a", account, "-o", html, "--json");
        Assert.True(exit == 0, output);
        return (CliRun.Json(output), await File.ReadAllTextAsync(html));
    }

    private static (long Trades, decimal Net, decimal Fees) Group(JsonElement g) =>
        (g.GetProperty("trades").GetInt64(), g.GetProperty("net_pnl").GetDecimal(), g.GetProperty("fees").GetDecimal());

    private async Task SeedAsync()
    {
        if (!await fixture.Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = 'quant')"))
        {
            await fixture.Database.ExecuteAsync(CliSeed.Sql);
            await fixture.Database.ExecuteAsync(HolderSql);
        }
    }
}
