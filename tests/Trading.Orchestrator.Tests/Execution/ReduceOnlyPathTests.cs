using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// Reduce-only through the whole path: a BUY 5 limit resting against a short of 10, then a CLOSE. A plain order stays
/// and later opens a long 5; with reduce_only it is canceled once the CLOSE has flattened the short. No slippage, fees
/// 0.1 % with a 1.00 minimum.
/// </summary>
public sealed class ReduceOnlyPathTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    private async Task<(Desk Desk, string Symbol, long Buy)> ShortTenBuyFiveThenCloseAsync(string account, bool reduceOnly)
    {
        var desk = new Desk(Db);
        var symbol = $"{new string(account.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}/USDT";
        await desk.InstrumentAsync(symbol);
        await desk.CreateAccountAsync(account, "slippage_model='none', allow_shorting=true");
        await desk.QuoteAsync(symbol, 99.99m, 100.01m);
        await desk.DecideAsync(account, symbol, "SELL", 10m);
        var buy = await desk.DecideAsync(account, symbol, "BUY", 5m, "order_type, limit_price, reduce_only", "limit", 95m, reduceOnly);
        await desk.DecideAsync(account, symbol, "CLOSE");
        await desk.ExecuteAllAsync();
        return (desk, symbol, buy);
    }

    [Fact]
    public async Task PlainBuyAgainstAShort_SurvivesTheClose_ThenOpensALongOfFive()
    {
        var (desk, symbol, buy) = await ShortTenBuyFiveThenCloseAsync("rop-plain", reduceOnly: false);

        var open = (await Db.QueryAsync("SELECT * FROM v_paper_open_orders WHERE account = 'rop-plain'")).Single();
        Assert.Equal((5m, false), ((decimal)open["remaining_quantity"]!, (bool)open["reduce_only"]!));
        Assert.Empty(await Db.QueryAsync("SELECT * FROM paper_positions WHERE account = 'rop-plain'"));

        await desk.QuoteAsync(symbol, 94.80m, 94.90m);
        await desk.ExecuteAllAsync();

        // A maker through 95 gets the ask 94.90: a long of 5, entry notional 474.5.
        var position = (await Db.QueryAsync("SELECT side, quantity FROM paper_positions WHERE account = 'rop-plain'")).Single();
        Assert.Equal(("long", 5m), ((string)position["side"]!, (decimal)position["quantity"]!));
        Assert.Equal("placed", (await desk.OutcomeAsync(buy)).Status);
        Assert.Empty(await Db.InvariantViolationsAsync());
    }

    [Fact]
    public async Task ReduceOnlyBuyAgainstAShort_CanceledByTheClose()
    {
        var (_, symbol, buy) = await ShortTenBuyFiveThenCloseAsync("rop-only", reduceOnly: true);

        var order = (await Db.QueryAsync("SELECT o.status, o.reason, o.reduce_only FROM paper_orders o JOIN trading_decisions d ON d.order_id = o.order_id WHERE d.id = $1", buy)).Single();
        Assert.Equal(("canceled", $"reduce-only: no {symbol} position left to reduce", true), ((string)order["status"]!, (string)order["reason"]!, (bool)order["reduce_only"]!));
        Assert.Empty(await Db.QueryAsync("SELECT * FROM v_paper_open_orders WHERE account = 'rop-only'"));
        Assert.Empty(await Db.InvariantViolationsAsync());
    }
}
