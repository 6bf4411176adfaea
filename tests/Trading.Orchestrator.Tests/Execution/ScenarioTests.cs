using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// Hand-computed scenarios through the whole path (SQL in, engine, SQL out), exact to the last decimal. Fees 0.1 %
/// with a 1.00 minimum; prices on a 0.01 tick, rounded against the trader after slippage.
/// </summary>
public sealed class ScenarioTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Symbol = string.Empty;
    private string Other = string.Empty;

    /// <summary>An account and two instruments of the scenario's own, so no scenario sees another's quotes.</summary>
    private async Task<Desk> DeskAsync(string account, string settings)
    {
        var desk = new Desk(fixture.Database);
        var stem = new string(account.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        Symbol = $"{stem}A/USDT";
        Other = $"{stem}B/USDT";
        await desk.InstrumentAsync(Symbol);
        await desk.InstrumentAsync(Other);
        await desk.CreateAccountAsync(account, settings);
        return desk;
    }

    [Fact]
    public async Task LongRoundTrip_FeesAndFixedSlippage_CashIsInitialPlusNetPnl()
    {
        var desk = await DeskAsync("long-rt", "slippage_model='fixed', slippage_rate=0.001");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("long-rt", Symbol, "BUY", 10);
        await desk.ExecuteAllAsync();
        // 100.01 x 1.001 = 100.11001 -> 100.12 (up: against the buyer); notional 1001.2; fee 1.0012.
        Assert.Equal(8997.7988m, await desk.CashAsync("long-rt"));

        await desk.QuoteAsync(Symbol, 109.99m, 110.01m);
        await desk.DecideAsync("long-rt", Symbol, "SELL");
        await desk.ExecuteAllAsync();

        // 109.99 x 0.999 = 109.88001 -> 109.88; notional 1098.8; fee 1.0988. Gross 97.6, net 97.6 - 1.0012 - 1.0988 = 95.5.
        var trade = (await fixture.Database.QueryAsync("SELECT * FROM paper_trades WHERE account = 'long-rt'")).Single();
        Assert.Equal(100.12m, (decimal)trade["entry_price"]!);
        Assert.Equal(109.88m, (decimal)trade["exit_price"]!);
        Assert.Equal(97.6m, (decimal)trade["realized_pnl"]!);
        Assert.Equal(95.5m, (decimal)trade["net_pnl"]!);
        Assert.Equal(10095.5m, await desk.CashAsync("long-rt"));
        Assert.Equal(0, await fixture.Database.ScalarAsync<int>("SELECT count(*) FROM paper_positions WHERE account = 'long-rt'"));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task ShortRoundTrip_Profit_CashReturnsToInitialPlusNetNotMinusMargin()
    {
        var desk = await DeskAsync("short-rt", "slippage_model='fixed', slippage_rate=0.001, allow_shorting=true");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("short-rt", Symbol, "SELL", 10);
        await desk.ExecuteAllAsync();
        // Short sale: 99.99 x 0.999 = 99.89001 -> 99.89; proceeds 998.9 credited; fee 1 (minimum).
        Assert.Equal(10997.9m, await desk.CashAsync("short-rt"));

        await desk.QuoteAsync(Symbol, 89.99m, 90.01m);
        await desk.DecideAsync("short-rt", Symbol, "BUY");
        await desk.ExecuteAllAsync();

        // Cover: 90.01 x 1.001 = 90.10001 -> 90.11; cost 901.1; fee 1. Gross 97.8, net 95.8.
        var trade = (await fixture.Database.QueryAsync("SELECT * FROM paper_trades WHERE account = 'short-rt'")).Single();
        Assert.Equal("short", trade["side"]);
        Assert.Equal(97.8m, (decimal)trade["realized_pnl"]!);
        Assert.Equal(95.8m, (decimal)trade["net_pnl"]!);
        Assert.Equal(10095.8m, await desk.CashAsync("short-rt"));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task AveragingInThenPartialClose_RealisesOnClosedQuantityOnly()
    {
        var desk = await DeskAsync("avg", "slippage_model='none'");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("avg", Symbol, "BUY", 10);
        await desk.ExecuteAllAsync();
        await desk.QuoteAsync(Symbol, 109.99m, 110.01m);
        await desk.DecideAsync("avg", Symbol, "BUY", 10);
        await desk.ExecuteAllAsync();

        // 1000.1 + 1100.1 = 2100.2 for 20: average 105.01; fees 1.0001 + 1.1001 kept beside it.
        var position = (await fixture.Database.QueryAsync("SELECT * FROM paper_positions WHERE account = 'avg'")).Single();
        Assert.Equal(20m, (decimal)position["quantity"]!);
        Assert.Equal(2100.2m, (decimal)position["cost_basis"]!);
        Assert.Equal(105.01m, (decimal)position["avg_entry_price"]!);
        Assert.Equal(2.1002m, (decimal)position["entry_fees"]!);
        Assert.Equal(7897.6998m, await desk.CashAsync("avg"));

        await desk.QuoteAsync(Symbol, 119.99m, 120.01m);
        await desk.DecideAsync("avg", Symbol, "SELL", 5);
        await desk.ExecuteAllAsync();

        // Sell 5 at 119.99 = 599.95, fee 1 (minimum). A quarter of cost (525.05) and entry fees (0.52505) is closed.
        var trade = (await fixture.Database.QueryAsync("SELECT * FROM paper_trades WHERE account = 'avg'")).Single();
        Assert.Equal(5m, (decimal)trade["quantity"]!);
        Assert.Equal(74.9m, (decimal)trade["realized_pnl"]!);
        Assert.Equal(0.52505m, (decimal)trade["entry_fees"]!);
        Assert.Equal(73.37495m, (decimal)trade["net_pnl"]!);
        position = (await fixture.Database.QueryAsync("SELECT * FROM paper_positions WHERE account = 'avg'")).Single();
        Assert.Equal(15m, (decimal)position["quantity"]!);
        Assert.Equal(1575.15m, (decimal)position["cost_basis"]!);
        Assert.Equal(1.57515m, (decimal)position["entry_fees"]!);
        Assert.Equal(8496.6498m, await desk.CashAsync("avg"));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task SellMoreThanLong_ShortingAllowed_ClosesTheLongAndOpensAShortWithExactSplits()
    {
        var desk = await DeskAsync("flip", "slippage_model='none', allow_shorting=true");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("flip", Symbol, "BUY", 10);
        await desk.ExecuteAllAsync();
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("flip", Symbol, "SELL", 15);
        await desk.ExecuteAllAsync();

        // Sell 15 at 99.99 = 1499.85, fee 1.49985: 10 close the long (999.9, fee 0.9999), 5 open a short (499.95, 0.49995).
        var trade = (await fixture.Database.QueryAsync("SELECT * FROM paper_trades WHERE account = 'flip'")).Single();
        Assert.Equal(10m, (decimal)trade["quantity"]!);
        Assert.Equal(-0.2m, (decimal)trade["realized_pnl"]!);
        Assert.Equal(0.9999m, (decimal)trade["exit_fees"]!);
        Assert.Equal(-2.2m, (decimal)trade["net_pnl"]!);
        var position = (await fixture.Database.QueryAsync("SELECT * FROM paper_positions WHERE account = 'flip'")).Single();
        Assert.Equal("short", position["side"]);
        Assert.Equal(5m, (decimal)position["quantity"]!);
        Assert.Equal(499.95m, (decimal)position["cost_basis"]!);
        Assert.Equal(0.49995m, (decimal)position["entry_fees"]!);
        Assert.Equal(10497.25005m, await desk.CashAsync("flip"));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task MixedLongAndShort_PortfolioValue_IsCashPlusSignedQuantityTimesMark()
    {
        var desk = await DeskAsync("mixed", "slippage_model='none', allow_shorting=true");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.QuoteAsync(Other, 49.99m, 50.01m);
        await desk.DecideAsync("mixed", Symbol, "BUY", 10);
        await desk.DecideAsync("mixed", Other, "SELL", 4);
        await desk.ExecuteAllAsync();
        await desk.QuoteAsync(Symbol, 105m, 105.02m);
        await desk.QuoteAsync(Other, 47.99m, 48.01m);

        // cash 10000 - 1000.1 - 1.0001 + 199.96 - 1 = 9197.8599; value = cash + 10 x 105.01 - 4 x 48.
        var overview = (await fixture.Database.QueryAsync("SELECT * FROM v_paper_portfolio_overview WHERE account = 'mixed'")).Single();
        Assert.Equal(9197.8599m, (decimal)overview["cash"]!);
        Assert.Equal(10055.9599m, (decimal)overview["total_value"]!);
        Assert.Equal(1242.1m, (decimal)overview["gross_exposure"]!);
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task Buy_QuoteOlderThanStalenessBound_RejectedNeverFilled()
    {
        var desk = await DeskAsync("stale", "slippage_model='none'");
        await desk.QuoteAsync(Other, 99.99m, 100.01m, age: TimeSpan.FromSeconds(61));
        var id = await desk.DecideAsync("stale", Other, "BUY", 1);
        await desk.ExecuteAllAsync();

        var (status, reason) = await desk.OutcomeAsync(id);
        Assert.Equal("rejected", status);
        Assert.StartsWith("stale price", reason, StringComparison.Ordinal);
        Assert.Equal(10000m, await desk.CashAsync("stale"));
    }

    [Fact]
    public async Task Buy_BeyondBuyingPower_RejectedWithFigures()
    {
        var desk = await DeskAsync("poor", "slippage_model='none'");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var id = await desk.DecideAsync("poor", Symbol, "BUY", 1000);
        await desk.ExecuteAllAsync();

        var (status, reason) = await desk.OutcomeAsync(id);
        Assert.Equal("rejected", status);
        Assert.StartsWith("insufficient buying power", reason, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Database.ScalarAsync<int>("SELECT count(*) FROM paper_orders WHERE account = 'poor'"));
    }

    [Fact]
    public async Task LowConfidenceAndHold_SkippedWithReasons()
    {
        var desk = await DeskAsync("timid", "slippage_model='none'");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var low = await desk.DecideAsync("timid", Symbol, "BUY", 1, confidence: 0.55m);
        var hold = await desk.DecideAsync("timid", Symbol, "HOLD");
        await desk.ExecuteAllAsync();

        Assert.Equal(("skipped", "confidence 0.55 below threshold 0.60"), await desk.OutcomeAsync(low));
        Assert.Equal("skipped", (await desk.OutcomeAsync(hold)).Status);
    }
}
