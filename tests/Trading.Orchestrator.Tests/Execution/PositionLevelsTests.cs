using Trading.Orchestrator.Tests.Cli;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// What v_paper_open_positions and `trading positions`/`orders` say about a position's exits (0018): the levels are
/// the working brackets', each with the quantity it covers; an agent's own stop order is an order, shown as an exit.
/// </summary>
public sealed class PositionLevelsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    [Fact]
    public async Task BracketOnAnAdd_PositionShowsTheNearestLevelsAndTheQuantityTheyCover()
    {
        var desk = new Desk(Db);
        await desk.InstrumentAsync("ADD/USDT");
        await desk.CreateAccountAsync("lv-add", "slippage_model='none'");
        await desk.QuoteAsync("ADD/USDT", 99.99m, 100.01m);
        await desk.DecideAsync("lv-add", "ADD/USDT", "BUY", 10m, "stop_loss, take_profit", 95m, 110m);
        await desk.DecideAsync("lv-add", "ADD/USDT", "BUY", 5m, "stop_loss, take_profit", 96m, 108m);
        await desk.ExecuteAllAsync();

        // 15 held; the first bracket covers 10 (95 / 110), the add's covers 5 (96 / 108): the nearest are the add's.
        var position = (await Db.QueryAsync("SELECT * FROM v_paper_open_positions WHERE account = 'lv-add'")).Single();
        Assert.Equal(15m, (decimal)position["quantity"]!);
        Assert.Equal((96m, 5m), ((decimal)position["stop_loss"]!, (decimal)position["stop_loss_quantity"]!));
        Assert.Equal((108m, 5m), ((decimal)position["take_profit"]!, (decimal)position["take_profit_quantity"]!));

        var (exit, output) = await CliRun.RunAsync(Db.ConnectionString, "positions", "-a", "lv-add", "--json");
        Assert.True(exit == 0, output);
        var row = CliRun.Json(output).EnumerateArray().Single();
        Assert.Equal((96m, 5m), (row.GetProperty("stop_loss").GetDecimal(), row.GetProperty("stop_loss_qty").GetDecimal()));
    }

    [Fact]
    public async Task PlainStopSellOfALong_IsNotThePositionsStopLossAndIsListedAsAnExit()
    {
        var desk = new Desk(Db);
        await desk.InstrumentAsync("OWN/USDT");
        await desk.CreateAccountAsync("lv-own", "slippage_model='none'");
        await desk.QuoteAsync("OWN/USDT", 99.99m, 100.01m);
        await desk.DecideAsync("lv-own", "OWN/USDT", "BUY", 10m);
        // Reduce-only by the decision's choice (a plain SELL would be listed as an entry: it may open a short).
        var stop = await desk.DecideAsync("lv-own", "OWN/USDT", "SELL", null, "order_type, stop_price, limit_price, reduce_only", "stop_limit", 95m, 94m, true);
        await desk.ExecuteAllAsync();
        Assert.Equal("placed", (await desk.OutcomeAsync(stop)).Status);

        var position = (await Db.QueryAsync("SELECT stop_loss, stop_loss_quantity FROM v_paper_open_positions WHERE account = 'lv-own'")).Single();
        Assert.Null(position["stop_loss"]);
        Assert.Null(position["stop_loss_quantity"]);

        var (exit, output) = await CliRun.RunAsync(Db.ConnectionString, "orders", "-a", "lv-own", "--json");
        Assert.True(exit == 0, output);
        var roles = CliRun.Json(output).EnumerateArray().ToDictionary(o => o.GetProperty("side").GetString()!, o => o.GetProperty("role").GetString());
        Assert.Equal("entry", roles["buy"]);
        Assert.Equal("exit", roles["sell"]);
    }
}
