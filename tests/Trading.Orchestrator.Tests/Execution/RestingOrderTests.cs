using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// Every order type and time in force through the whole path (SQL in, engine, SQL out) on hand-made quote paths:
/// decisions place orders, quotes arrive, the executor matches the path since each order's last evaluation. Fees 0.1 %
/// with a 1.00 minimum, no slippage, prices on a 0.01 tick; every figure is computed by hand in the comments.
/// </summary>
public sealed class RestingOrderTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Plain = "slippage_model='none'";

    private string Symbol = string.Empty;

    private TestDatabase Db => fixture.Database;

    private async Task<Desk> DeskAsync(string account, string settings = Plain)
    {
        var desk = new Desk(Db);
        Symbol = $"{new string(account.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}/USDT";
        await desk.InstrumentAsync(Symbol);
        await desk.CreateAccountAsync(account, settings);
        return desk;
    }

    private async Task<Dictionary<string, object?>> OrderAsync(long orderId) =>
        (await Db.QueryAsync("SELECT * FROM paper_orders WHERE order_id = $1", orderId)).Single();

    private Task<long> OrderOfAsync(long decision) => Db.ScalarAsync<long>("SELECT order_id FROM trading_decisions WHERE id = $1", decision);

    private async Task<List<Dictionary<string, object?>>> ExitsAsync(string account) =>
        await Db.QueryAsync("SELECT * FROM paper_orders WHERE account = $1 AND role <> 'entry' ORDER BY order_id", account);

    private async Task AssertCleanAsync() => Assert.Empty(await Db.InvariantViolationsAsync());

    [Fact]
    public async Task LimitBuy_MarketableOnArrival_FillsAtTheBetterAskNotAtTheLimit()
    {
        var desk = await DeskAsync("ro-improve");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var id = await desk.DecideAsync("ro-improve", Symbol, "BUY", 10m, "order_type, limit_price", "limit", 101m);
        await desk.ExecuteAllAsync();

        // Taker at the ask 100.01 (not the limit 101): notional 1000.1, fee 1.0001.
        Assert.Equal(("executed", $"bought 10 {Symbol} at 100.01, fee 1.00"), await desk.OutcomeAsync(id));
        var order = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal(("limit", "filled", 100.01m, 10m), ((string)order["order_type"]!, (string)order["status"]!, (decimal)order["avg_fill_price"]!, (decimal)order["filled_quantity"]!));
        Assert.Equal("taker", await Db.ScalarAsync<string>("SELECT liquidity FROM paper_fills WHERE order_id = $1", order["order_id"]));
        Assert.Equal(8998.8999m, await desk.CashAsync("ro-improve"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task LimitBuy_Rests_ThenFillsAtTheAskWhenTheQuoteGapsThroughTheLimit()
    {
        var desk = await DeskAsync("ro-rest");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var id = await desk.DecideAsync("ro-rest", Symbol, "BUY", 10m, "order_type, limit_price", "limit", 99m);
        await desk.ExecuteAllAsync();

        var (status, reason) = await desk.OutcomeAsync(id);
        Assert.Equal("placed", status);
        Assert.Contains("GTC limit 99", reason, StringComparison.Ordinal);
        var open = (await Db.QueryAsync("SELECT * FROM v_paper_open_orders WHERE account = 'ro-rest'")).Single();
        Assert.Equal((10m, 99m, "entry"), ((decimal)open["remaining_quantity"]!, (decimal)open["limit_price"]!, (string)open["role"]!));

        var placedAt = (DateTime)(await OrderAsync(await OrderOfAsync(id)))["updated_at"]!;
        var passing = desk.Now;
        await desk.QuoteAsync(Symbol, 99.40m, 99.50m);
        await desk.ExecuteAllAsync();

        // A quote that only went past the order moves the (account, symbol) mark; the order row itself is not rewritten.
        var resting = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal(("open", placedAt), ((string)resting["status"]!, (DateTime)resting["updated_at"]!));
        Assert.Equal(new DateTime(passing.UtcTicks - (passing.UtcTicks % 10), DateTimeKind.Utc), (DateTime)(await Db.QueryAsync("SELECT evaluated_through FROM v_paper_open_orders WHERE account = 'ro-rest'")).Single()["evaluated_through"]!);

        await desk.QuoteAsync(Symbol, 98.80m, 98.90m);
        await desk.ExecuteAllAsync();

        // A resting maker: the quote gapped through 99 to an ask of 98.90, which it gets. Notional 989, fee 1 (minimum).
        var order = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal(("filled", 98.9m), ((string)order["status"]!, (decimal)order["avg_fill_price"]!));
        Assert.Equal("maker", await Db.ScalarAsync<string>("SELECT liquidity FROM paper_fills WHERE order_id = $1", order["order_id"]));
        Assert.Equal(9010m, await desk.CashAsync("ro-rest"));
        Assert.Empty(await Db.QueryAsync("SELECT * FROM v_paper_open_orders WHERE account = 'ro-rest'"));
        Assert.Equal("placed", (await desk.OutcomeAsync(id)).Status);
        await AssertCleanAsync();
    }

    [Fact]
    public async Task StopSell_QuoteGapsThroughTheStop_FillsAtTheGappedBidNotTheStop()
    {
        var desk = await DeskAsync("ro-gap");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("ro-gap", Symbol, "BUY", 10m);
        var stop = await desk.DecideAsync("ro-gap", Symbol, "SELL", null, "order_type, stop_price, reduce_only", "stop", 95m, true);
        await desk.ExecuteAllAsync();
        Assert.Equal("placed", (await desk.OutcomeAsync(stop)).Status);
        Assert.True((bool)(await OrderAsync(await OrderOfAsync(stop)))["reduce_only"]!);

        await desk.QuoteAsync(Symbol, 96.00m, 96.02m);
        await desk.QuoteAsync(Symbol, 92.99m, 93.01m);
        await desk.ExecuteAllAsync();

        // Triggered by the bid 92.99 <= 95 and filled as a market order at 92.99. Entry 1000.1 + fee 1.0001; exit 929.9,
        // fee 1 (minimum). Gross -70.2, net -72.2001.
        var trade = (await Db.QueryAsync("SELECT * FROM paper_trades WHERE account = 'ro-gap'")).Single();
        Assert.Equal((92.99m, -70.2m, -72.2001m), ((decimal)trade["exit_price"]!, (decimal)trade["realized_pnl"]!, (decimal)trade["net_pnl"]!));
        Assert.Equal(stop, (long)trade["decision_id"]!);
        Assert.Equal(9927.7999m, await desk.CashAsync("ro-gap"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task Bracket_TakeProfitFillsOnTheFirstQuoteOfTheBatch_StopLossCanceledBeforeTheSecondCouldTriggerIt()
    {
        var desk = await DeskAsync("ro-oco-tp");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var entry = await desk.DecideAsync("ro-oco-tp", Symbol, "BUY", 10m, "stop_loss, take_profit", 95m, 110m);
        await desk.ExecuteAllAsync();

        var position = (await Db.QueryAsync("SELECT * FROM v_paper_open_positions WHERE account = 'ro-oco-tp'")).Single();
        Assert.Equal((95m, 110m), ((decimal)position["stop_loss"]!, (decimal)position["take_profit"]!));
        var exits = await ExitsAsync("ro-oco-tp");
        Assert.Equal(["stop_loss", "take_profit"], exits.Select(e => (string)e["role"]!));
        Assert.All(exits, e => Assert.Equal(entry, (long)e["parent_decision_id"]!));
        Assert.Single(exits.Select(e => (long)e["oco_group"]!).Distinct());

        // One batch meets both quotes: the take-profit fills on the first (bid 110.5 through 110: the maker gets 110.5),
        // and the stop-loss is canceled before the second quote (bid 93.99) could trigger it.
        await desk.QuoteAsync(Symbol, 110.50m, 110.52m);
        await desk.QuoteAsync(Symbol, 93.99m, 94.01m);
        await desk.ExecuteAllAsync();

        exits = await ExitsAsync("ro-oco-tp");
        Assert.Equal("canceled", (string)exits[0]["status"]!);
        Assert.Contains($"canceled by OCO: order {exits[1]["order_id"]} filled", (string)exits[0]["reason"]!, StringComparison.Ordinal);
        Assert.Equal(("filled", 110.5m), ((string)exits[1]["status"]!, (decimal)exits[1]["avg_fill_price"]!));
        // Gross (110.5 - 100.01) x 10 = 104.9; fees 1.0001 + 1.105; net 102.7949.
        var trade = (await Db.QueryAsync("SELECT * FROM paper_trades WHERE account = 'ro-oco-tp'")).Single();
        Assert.Equal(102.7949m, (decimal)trade["net_pnl"]!);
        Assert.Equal(10102.7949m, await desk.CashAsync("ro-oco-tp"));
        Assert.Empty(await Db.QueryAsync("SELECT * FROM paper_positions WHERE account = 'ro-oco-tp'"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task Bracket_StopLossTriggersFirst_TakeProfitCanceledAndNeverFilled()
    {
        var desk = await DeskAsync("ro-oco-sl");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("ro-oco-sl", Symbol, "BUY", 10m, "stop_loss, take_profit", 95m, 110m);
        await desk.ExecuteAllAsync();

        await desk.QuoteAsync(Symbol, 93.99m, 94.01m);
        await desk.QuoteAsync(Symbol, 110.50m, 110.52m);
        await desk.ExecuteAllAsync();

        // The stop triggers on the bid 93.99 and fills there (taker); the take-profit is canceled before 110.5 arrives.
        var exits = await ExitsAsync("ro-oco-sl");
        Assert.Equal(("filled", 93.99m), ((string)exits[0]["status"]!, (decimal)exits[0]["avg_fill_price"]!));
        Assert.Equal("canceled", (string)exits[1]["status"]!);
        var trade = (await Db.QueryAsync("SELECT * FROM paper_trades WHERE account = 'ro-oco-sl'")).Single();
        Assert.Equal(93.99m, (decimal)trade["exit_price"]!);
        await AssertCleanAsync();
    }

    [Fact]
    public async Task IocOnThinQuotedSize_FillsWhatIsThereAndCancelsTheRest_FokFillsNothing()
    {
        var desk = await DeskAsync("ro-thin");
        // The quoted touch size alone (the book walk would go deeper): this test is about the touch.
        await fixture.Database.ExecuteAsync("UPDATE accounts SET liquidity_model = 'unbounded' WHERE account = 'ro-thin'");
        await desk.QuoteAtAsync(Symbol, desk.Now, 99.99m, 100.01m, 50m, 4m);
        var ioc = await desk.DecideAsync("ro-thin", Symbol, "BUY", 10m, "order_type, limit_price, time_in_force", "limit", 101m, "ioc");
        await desk.ExecuteAllAsync();

        // 4 of 10 at the ask 100.01: notional 400.04, fee 1 (minimum); the other 6 are canceled.
        var (status, reason) = await desk.OutcomeAsync(ioc);
        Assert.Equal("executed", status);
        Assert.Contains("bought 4 ", reason, StringComparison.Ordinal);
        Assert.Contains("IOC: 4 filled, remaining 6 canceled", reason, StringComparison.Ordinal);
        var order = await OrderAsync(await OrderOfAsync(ioc));
        Assert.Equal(("canceled", 10m, 4m), ((string)order["status"]!, (decimal)order["quantity"]!, (decimal)order["filled_quantity"]!));
        Assert.Equal(9598.96m, await desk.CashAsync("ro-thin"));

        var fok = await desk.DecideAsync("ro-thin", Symbol, "BUY", 10m, "order_type, limit_price, time_in_force", "limit", 101m, "fok");
        await desk.ExecuteAllAsync();
        Assert.Equal(("expired", "FOK not filled: 4 of 10 executable on arrival"), await desk.OutcomeAsync(fok));
        Assert.Equal(9598.96m, await desk.CashAsync("ro-thin"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task GtdAndDay_ExpireAtTheirTimeWithoutFilling()
    {
        var desk = await DeskAsync("ro-expiry");
        var now = DateTimeOffset.UtcNow;
        desk.SetClock(now);
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var gtd = await desk.DecideAsync("ro-expiry", Symbol, "BUY", 1m, "order_type, limit_price, time_in_force, expires_at",
            "limit", 90m, "gtd", now.AddSeconds(30));
        var day = await desk.DecideAsync("ro-expiry", Symbol, "BUY", 1m, "order_type, limit_price, time_in_force", "limit", 90m, "day");
        await desk.ExecuteAllAsync();
        Assert.Equal(["open", "open"], [(string)(await OrderAsync(await OrderOfAsync(gtd)))["status"]!, (string)(await OrderAsync(await OrderOfAsync(day)))["status"]!]);

        // 40 s later the GTD order is past its expiry; no quote is needed for it to expire.
        desk.SetClock(now.AddSeconds(40));
        await desk.ExecuteAllAsync();
        Assert.Equal(("expired", "GTD order expired"), ((string)(await OrderAsync(await OrderOfAsync(gtd)))["status"]!, (string)(await OrderAsync(await OrderOfAsync(gtd)))["reason"]!));
        Assert.Equal("open", (string)(await OrderAsync(await OrderOfAsync(day)))["status"]!);

        // The DAY order lives until the next UTC midnight; a quote there that would fill it finds it expired. The desk's
        // clock runs ahead of the database's here, so the guard against quotes from the future (0012) is lifted.
        await desk.Database.ExecuteAsync("ALTER TABLE market_prices DISABLE TRIGGER market_prices_refuse_future");
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        desk.SetClock(midnight);
        await desk.QuoteAsync(Symbol, 80m, 80.02m);
        await desk.ExecuteAllAsync();
        var dayOrder = await OrderAsync(await OrderOfAsync(day));
        Assert.Equal(("expired", 0m), ((string)dayOrder["status"]!, (decimal)dayOrder["filled_quantity"]!));
        Assert.Equal(10000m, await desk.CashAsync("ro-expiry"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task TrailingStop_TracksTheHighestBid_FillsWhenTheBidFallsToTheLevel()
    {
        var desk = await DeskAsync("ro-trail");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("ro-trail", Symbol, "BUY", 10m);
        var trail = await desk.DecideAsync("ro-trail", Symbol, "SELL", null, "order_type, trailing_offset", "trailing_stop", 2m);
        await desk.ExecuteAllAsync();
        Assert.Equal(97.99m, (decimal)(await OrderAsync(await OrderOfAsync(trail)))["stop_price"]!);

        await desk.QuoteAsync(Symbol, 104.99m, 105.01m);
        await desk.QuoteAsync(Symbol, 103.50m, 103.52m);
        await desk.ExecuteAllAsync();
        var open = (await Db.QueryAsync("SELECT * FROM v_paper_open_orders WHERE account = 'ro-trail'")).Single();
        Assert.Equal((104.99m, 102.99m, false), ((decimal)open["best_price"]!, (decimal)open["stop_price"]!, (bool)open["triggered"]!));
        // The agent's own trailing SELL is an order, not a bracket: the position's trailing_stop is its brackets' (0018).
        Assert.Null((await Db.QueryAsync("SELECT trailing_stop FROM v_paper_open_positions WHERE account = 'ro-trail'")).Single()["trailing_stop"]);

        await desk.QuoteAsync(Symbol, 102.50m, 102.52m);
        await desk.ExecuteAllAsync();

        // Bid 102.5 <= 102.99: sold at 102.5. Gross 24.9; fees 1.0001 + 1.025; net 22.8749.
        var trade = (await Db.QueryAsync("SELECT * FROM paper_trades WHERE account = 'ro-trail'")).Single();
        Assert.Equal((102.5m, 22.8749m), ((decimal)trade["exit_price"]!, (decimal)trade["net_pnl"]!));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task StopLimit_TriggersAboveItsLimit_RestsAsALimitThenFillsAsAMaker()
    {
        var desk = await DeskAsync("ro-stoplimit");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var id = await desk.DecideAsync("ro-stoplimit", Symbol, "BUY", 10m, "order_type, stop_price, limit_price", "stop_limit", 105m, 105.5m);
        await desk.ExecuteAllAsync();
        Assert.Equal("placed", (await desk.OutcomeAsync(id)).Status);

        await desk.QuoteAsync(Symbol, 105.99m, 106.01m);
        await desk.ExecuteAllAsync();
        var order = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal(("open", true), ((string)order["status"]!, (bool)order["triggered"]!));

        await desk.QuoteAsync(Symbol, 105.19m, 105.21m);
        await desk.ExecuteAllAsync();
        order = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal(("filled", 105.21m), ((string)order["status"]!, (decimal)order["avg_fill_price"]!));
        Assert.Equal("maker", await Db.ScalarAsync<string>("SELECT liquidity FROM paper_fills WHERE order_id = $1", order["order_id"]));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task KillSwitch_CancelsWorkingOrdersAndBracketsAtOnce_ThenFlattens()
    {
        var desk = await DeskAsync("ro-kill");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("ro-kill", Symbol, "BUY", 10m, "stop_loss, take_profit", 95m, 110m);
        await desk.DecideAsync("ro-kill", Symbol, "BUY", 1m, "order_type, limit_price", "limit", 90m);
        await desk.ExecuteAllAsync();
        Assert.Equal(3, await Db.ScalarAsync<long>("SELECT count(*) FROM v_paper_open_orders WHERE account = 'ro-kill'"));

        Assert.Equal(1, await Db.ScalarAsync<int>("SELECT kill_switch('ro-kill', 'test')"));
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM v_paper_open_orders WHERE account = 'ro-kill'"));
        Assert.Equal(3, await Db.ScalarAsync<long>("SELECT count(*) FROM paper_orders WHERE account = 'ro-kill' AND reason = 'kill switch: test'"));

        // A quote that would have filled the resting buy and the take-profit changes nothing; the CLOSE flattens.
        await desk.QuoteAsync(Symbol, 110.5m, 110.52m);
        await desk.ExecuteAllAsync();
        Assert.Empty(await Db.QueryAsync("SELECT * FROM paper_positions WHERE account = 'ro-kill'"));
        Assert.Equal(1, await Db.ScalarAsync<long>("SELECT count(*) FROM paper_trades WHERE account = 'ro-kill'"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task AccountDefaults_BracketEveryEntry_DecisionPercentLevelsWin()
    {
        var desk = await DeskAsync("ro-defaults", $"{Plain}, default_stop_loss_pct=5, default_take_profit_pct=15");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("ro-defaults", Symbol, "BUY", 10m);
        await desk.ExecuteAllAsync();

        // Entry 100.01: stop 100.01 x 0.95 = 95.0095 -> 95.01 (towards the entry), target 115.0115 -> 115.02 (away).
        var position = (await Db.QueryAsync("SELECT * FROM v_paper_open_positions WHERE account = 'ro-defaults'")).Single();
        Assert.Equal((95.01m, 115.02m), ((decimal)position["stop_loss"]!, (decimal)position["take_profit"]!));

        // A decision's own 2 % stop wins over the default 5 %; the default target still applies. 100.01 x 0.98 = 98.0098 -> 98.01.
        await desk.DecideAsync("ro-defaults", Symbol, "BUY", 1m, "stop_loss, exit_unit", 2m, "percent");
        await desk.ExecuteAllAsync();
        var stops = await Db.QueryAsync("SELECT stop_price FROM paper_orders WHERE account = 'ro-defaults' AND role = 'stop_loss' ORDER BY order_id");
        Assert.Equal([95.01m, 98.01m], stops.Select(s => (decimal)s["stop_price"]!));
        Assert.Equal(98.01m, (decimal)(await Db.QueryAsync("SELECT stop_loss FROM v_paper_open_positions WHERE account = 'ro-defaults'")).Single()["stop_loss"]!);
        await AssertCleanAsync();
    }

    [Fact]
    public async Task CloseDecision_FlattensThePosition_ItsBracketIsCanceledNotLeftToReopenIt()
    {
        var desk = await DeskAsync("ro-orphan");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        await desk.DecideAsync("ro-orphan", Symbol, "BUY", 10m, "stop_loss, take_profit", 95m, 110m);
        await desk.ExecuteAllAsync();
        await desk.DecideAsync("ro-orphan", Symbol, "CLOSE");
        await desk.ExecuteAllAsync();

        var exits = await ExitsAsync("ro-orphan");
        Assert.All(exits, e => Assert.Equal(("canceled", $"reduce-only: no {Symbol} position left to reduce"), ((string)e["status"]!, (string)e["reason"]!)));
        await desk.QuoteAsync(Symbol, 93.99m, 94.01m);
        await desk.ExecuteAllAsync();
        Assert.Empty(await Db.QueryAsync("SELECT * FROM paper_positions WHERE account = 'ro-orphan'"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task RestingEntry_RiskLimitAtFillTime_CanceledWithTheLimitsFigures()
    {
        var desk = await DeskAsync("ro-risk");
        await Db.ExecuteAsync("INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('ro-risk', 'max_order_notional', 500)");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var id = await desk.DecideAsync("ro-risk", Symbol, "BUY", 10m, "order_type, limit_price", "limit", 99m);
        await desk.ExecuteAllAsync();
        Assert.Equal("placed", (await desk.OutcomeAsync(id)).Status);

        await desk.QuoteAsync(Symbol, 98.80m, 98.90m);
        await desk.ExecuteAllAsync();
        var order = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal("canceled", (string)order["status"]!);
        Assert.StartsWith("not filled: ", (string)order["reason"]!, StringComparison.Ordinal);
        Assert.Contains("989", (string)order["reason"]!, StringComparison.Ordinal);
        Assert.Equal(10000m, await desk.CashAsync("ro-risk"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task RestingLimit_ThinQuotedSizes_PartiallyFilledAcrossBatchesWithTheWeightedAveragePrice()
    {
        // The quoted size binds an unbounded account's resting limit; a book account would walk past it (LiquidityPathTests).
        var desk = await DeskAsync("ro-partial", $"{Plain}, liquidity_model='unbounded'");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var id = await desk.DecideAsync("ro-partial", Symbol, "BUY", 10m, "order_type, limit_price", "limit", 99m);
        await desk.ExecuteAllAsync();

        await desk.QuoteAtAsync(Symbol, desk.Now, 98.88m, 98.90m, 50m, 4m);
        await desk.ExecuteAllAsync();
        var order = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal(("partially_filled", 4m, 98.9m), ((string)order["status"]!, (decimal)order["filled_quantity"]!, (decimal)order["avg_fill_price"]!));
        Assert.Equal(6m, (decimal)(await Db.QueryAsync("SELECT remaining_quantity FROM v_paper_open_orders WHERE account = 'ro-partial'")).Single()["remaining_quantity"]!);

        desk.Advance(TimeSpan.FromSeconds(1));
        await desk.QuoteAtAsync(Symbol, desk.Now, 98.93m, 98.95m, 50m, 10m);
        await desk.ExecuteAllAsync();

        // 4 at 98.90 and 6 at 98.95: average 98.93; notionals 395.6 and 593.7, fees 1 + 1 (minimum each).
        order = await OrderAsync(await OrderOfAsync(id));
        Assert.Equal(("filled", 10m, 98.93m), ((string)order["status"]!, (decimal)order["filled_quantity"]!, (decimal)order["avg_fill_price"]!));
        Assert.Equal(10000m - 395.6m - 593.7m - 2m, await desk.CashAsync("ro-partial"));
        await AssertCleanAsync();
    }

    [Fact]
    public async Task FillProbabilityZero_ATouchAtTheLimitNeverFills_AQuoteThroughItAlwaysDoes()
    {
        var desk = await DeskAsync("ro-touch", $"{Plain}, fill_probability=0");
        await desk.QuoteAsync(Symbol, 99.99m, 100.01m);
        var id = await desk.DecideAsync("ro-touch", Symbol, "BUY", 1m, "order_type, limit_price", "limit", 99m);
        await desk.ExecuteAllAsync();

        await desk.QuoteAsync(Symbol, 98.98m, 99.00m);
        await desk.ExecuteAllAsync();
        Assert.Equal("open", (string)(await OrderAsync(await OrderOfAsync(id)))["status"]!);

        await desk.QuoteAsync(Symbol, 98.97m, 98.99m);
        await desk.ExecuteAllAsync();
        Assert.Equal(("filled", 98.99m), ((string)(await OrderAsync(await OrderOfAsync(id)))["status"]!, (decimal)(await OrderAsync(await OrderOfAsync(id)))["avg_fill_price"]!));
        await AssertCleanAsync();
    }
}
