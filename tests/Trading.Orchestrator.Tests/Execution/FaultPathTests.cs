using Trading.Engine.Faults;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// Each injected fault through the whole path (account columns in, the claim and the engine, the decision's outcome out),
/// every reason starting "injected fault: ". Quote 99.99/100.01, no slippage, fees 0.1 % with a 1.00 minimum.
/// </summary>
public sealed class FaultPathTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    private async Task<(Desk Desk, string Symbol)> DeskAsync(string account, string faults)
    {
        var desk = new Desk(Db);
        var symbol = $"{new string(account.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}/USDT";
        await desk.InstrumentAsync(symbol);
        await desk.CreateAccountAsync(account, "slippage_model='none', " + faults);
        await desk.QuoteAsync(symbol, 99.99m, 100.01m);
        return (desk, symbol);
    }

    [Theory]
    [InlineData("fp-reject", "fault_reject_probability=1", "injected fault: exchange rejected the order: ")]
    [InlineData("fp-stale", "fault_stale_probability=1", "injected fault: stale quote: ")]
    public async Task CertainRejection_DecisionRejectedWithTheInjectedReason(string account, string faults, string reason)
    {
        var (desk, symbol) = await DeskAsync(account, faults);
        var id = await desk.DecideAsync(account, symbol, "BUY", 1m);
        await desk.ExecuteAllAsync();

        var (status, text) = await desk.OutcomeAsync(id);
        Assert.Equal("rejected", status);
        Assert.StartsWith(reason, text, StringComparison.Ordinal);
        Assert.Empty(await Db.QueryAsync("SELECT * FROM paper_fills WHERE account = $1", account));
    }

    [Fact]
    public async Task CertainPartial_MarketBuyFillsTheDrawnShare_RestCanceled()
    {
        var (desk, symbol) = await DeskAsync("fp-partial", "fault_partial_probability=1");
        var id = await desk.DecideAsync("fp-partial", symbol, "BUY", 10m);
        await desk.ExecuteAllAsync();

        var seed = await Db.ScalarAsync<long>("SELECT random_seed FROM accounts WHERE account = 'fp-partial'");
        var share = FaultInjector.Draw(new FaultSettings(0m, 1m, 0m, TimeSpan.Zero, 0m), seed, id).PartialFraction!.Value;
        var kept = Math.Floor(10m * share * 1000m) / 1000m;
        var (status, reason) = await desk.OutcomeAsync(id);
        Assert.Equal("executed", status);
        Assert.StartsWith($"bought {kept.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} {symbol} at 100.01", reason, StringComparison.Ordinal);
        Assert.Contains("injected fault: partial fill, ", reason, StringComparison.Ordinal);
        var order = (await Db.QueryAsync("SELECT o.status, o.quantity, o.filled_quantity, o.reason FROM paper_orders o JOIN trading_decisions d ON d.order_id = o.order_id WHERE d.id = $1", id)).Single();
        Assert.Equal(("canceled", 10m, kept), ((string)order["status"]!, (decimal)order["quantity"]!, (decimal)order["filled_quantity"]!));
        Assert.StartsWith("injected fault: partial fill, ", (string)order["reason"]!, StringComparison.Ordinal);
        Assert.Empty(await Db.InvariantViolationsAsync());
    }

    [Fact]
    public async Task CertainExtraLatency_TheDecisionWaitsForTheQuoteAfterItsDrawnDelay()
    {
        var (desk, symbol) = await DeskAsync("fp-latency", "fault_latency_probability=1, fault_max_latency='2 seconds'");
        var id = await desk.DecideAsync("fp-latency", symbol, "BUY", 1m);
        var created = desk.Now;

        // Before any quote after the delay there is nothing to price it: it waits.
        await desk.ExecuteAllAsync();
        Assert.Equal("pending", (await desk.OutcomeAsync(id)).Status);

        await desk.QuoteAtAsync(symbol, created + TimeSpan.FromSeconds(2.5), 104.99m, 105.01m);
        desk.SetClock(created + TimeSpan.FromSeconds(3));
        await desk.ExecuteAllAsync();

        var seed = await Db.ScalarAsync<long>("SELECT random_seed FROM accounts WHERE account = 'fp-latency'");
        var delay = FaultInjector.Draw(new FaultSettings(0m, 0m, 1m, TimeSpan.FromSeconds(2), 0m), seed, id).ExtraLatency;
        Assert.Equal(("executed", $"bought 1 {symbol} at 105.01, fee 1.00"), await desk.OutcomeAsync(id));
        var latency = await Db.ScalarAsync<TimeSpan>("SELECT latency FROM paper_fills WHERE account = 'fp-latency'");
        Assert.InRange((latency - delay).Duration(), TimeSpan.Zero, TimeSpan.FromMicroseconds(1));
    }

    [Fact]
    public async Task FaultSettings_OutOfRange_RefusedByTheirConstraint()
    {
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            Db.ExecuteAsync("INSERT INTO accounts (account, fault_latency_probability) VALUES ('fp-bad', 0.5)"));
        Assert.Equal("accounts_fault_latency_needs_max", error.ConstraintName);
    }
}
