using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// The queue model through the whole path: a BUY 50 limit 99 joins behind the 100 bid at 99; prints in market_trades
/// (or volume changes where a symbol has none) work the queue off across batches, the position carried in
/// paper_orders.queue_ahead; the market trading through 99 fills the rest at 99. No slippage; fees 0.1 %, 1.00 minimum.
/// </summary>
public sealed class QueuePathTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    private async Task<(Desk Desk, string Symbol, DateTimeOffset T, long OrderId)> PlacedAsync(string account)
    {
        var desk = new Desk(Db);
        var symbol = $"{new string(account.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}/USDT";
        await desk.InstrumentAsync(symbol);
        await desk.CreateAccountAsync(account, "slippage_model='none', limit_fill_model='queue'");
        var t = desk.Now;
        await desk.QuoteAtAsync(symbol, t, 99m, 99.01m, 100m, 100m);
        desk.Advance(S(1));
        var id = await desk.DecideAsync(account, symbol, "BUY", 50m, "order_type, limit_price", "limit", 99m);
        await desk.ExecuteAllAsync();
        var orderId = await Db.ScalarAsync<long>("SELECT order_id FROM trading_decisions WHERE id = $1", id);
        return (desk, symbol, t, orderId);
    }

    private Task<int> PrintAsync(string symbol, DateTimeOffset time, long tradeId, decimal price, decimal size) =>
        Db.ExecuteAsync("INSERT INTO market_trades (time, symbol, trade_id, price, size, aggressor) VALUES ($1, $2, $3, $4, $5, 'sell')", time, symbol, tradeId, price, size);

    private async Task<(string Status, decimal Filled, decimal? Ahead)> OrderAsync(long orderId)
    {
        var row = (await Db.QueryAsync("SELECT status, filled_quantity, queue_ahead FROM paper_orders WHERE order_id = $1", orderId)).Single();
        return ((string)row["status"]!, (decimal)row["filled_quantity"]!, (decimal?)row["queue_ahead"]);
    }

    private async Task<List<(decimal Quantity, decimal Price, string Model)>> FillsAsync(long orderId) =>
        [.. (await Db.QueryAsync("SELECT quantity, price, model_parameters::jsonb->>'fill' AS model FROM paper_fills WHERE order_id = $1 ORDER BY fill_id", orderId))
            .Select(r => ((decimal)r["quantity"]!, (decimal)r["price"]!, (string)r["model"]!))];

    private static async Task QuoteAndRunAsync(Desk desk, string symbol, DateTimeOffset at, decimal bid, decimal ask)
    {
        await desk.QuoteAtAsync(symbol, at, bid, ask, 100m, 100m);
        desk.SetClock(at + S(1));
        await desk.ExecuteAllAsync();
    }

    [Fact]
    public async Task Prints_WorkOffTheQueueAcrossBatches_ThenATradeThroughFillsTheRest()
    {
        var (desk, symbol, t, order) = await PlacedAsync("qp-prints");
        Assert.Equal(("open", 0m, 100m), await OrderAsync(order));
        Assert.Equal(100m, await Db.ScalarAsync<decimal>("SELECT queue_ahead FROM v_paper_open_orders WHERE order_id = $1", order));

        // 80 traded at 99: 20 still ahead, nothing filled (the quote only touches 99).
        await PrintAsync(symbol, t + S(2), 1, 99m, 80m);
        await QuoteAndRunAsync(desk, symbol, t + S(3), 98.99m, 99m);
        Assert.Equal(("open", 0m, 20m), await OrderAsync(order));
        Assert.Empty(await FillsAsync(order));

        // 30 more: 20 take the rest of the queue, 10 fill the order at 99 (notional 990, fee 1 minimum).
        await PrintAsync(symbol, t + S(5), 2, 99m, 30m);
        await QuoteAndRunAsync(desk, symbol, t + S(6), 99m, 99.01m);
        Assert.Equal(("partially_filled", 10m, 0m), await OrderAsync(order));
        Assert.Equal([(10m, 99m, "queue")], await FillsAsync(order));

        // The ask falls to 98.50, through 99: the whole queue traded; this book account walks the book up to 99, and
        // its touch (100 at 98.50) holds the rest (40), at 98.50.
        await QuoteAndRunAsync(desk, symbol, t + S(8), 98.40m, 98.50m);
        Assert.Equal(("filled", 50m, 0m), await OrderAsync(order));
        Assert.Equal([(10m, 99m, "queue"), (40m, 98.5m, "queue")], await FillsAsync(order));
        Assert.Equal(10_000m - 990m - 1m - 3940m - 3.94m, await desk.CashAsync("qp-prints"));
        Assert.Empty(await Db.InvariantViolationsAsync());
    }

    [Fact]
    public async Task WithoutPrints_VolumeChangesOfTheQuotesWorkTheQueue()
    {
        var (desk, symbol, t, order) = await PlacedAsync("qp-volume");
        const string Quote = "INSERT INTO market_prices (time, symbol, bid, ask, last, volume, bid_size, ask_size) VALUES ($1, $2, 99, 99.01, 99, $3, 100, 100)";

        // Cumulative volume 1000 → 1080 → 1110 at a last of 99: prints of 80 and 30, so 10 fill.
        await Db.ExecuteAsync(Quote, t + S(2), symbol, 1000m);
        await Db.ExecuteAsync(Quote, t + S(3), symbol, 1080m);
        await Db.ExecuteAsync(Quote, t + S(4), symbol, 1110m);
        desk.SetClock(t + S(5));
        await desk.ExecuteAllAsync();

        Assert.Equal(("partially_filled", 10m, 0m), await OrderAsync(order));
        Assert.Equal([(10m, 99m, "queue")], await FillsAsync(order));
        Assert.Empty(await Db.InvariantViolationsAsync());
    }

    [Fact]
    public async Task TouchAccount_SameMarket_FillsOnTheTouch()
    {
        var desk = new Desk(Db);
        const string Symbol = "QPTOUCH/USDT";
        await desk.InstrumentAsync(Symbol);
        await desk.CreateAccountAsync("qp-touch", "slippage_model='none'");
        var t = desk.Now;
        await desk.QuoteAtAsync(Symbol, t, 99m, 99.01m, 100m, 100m);
        desk.Advance(S(1));
        var id = await desk.DecideAsync("qp-touch", Symbol, "BUY", 50m, "order_type, limit_price", "limit", 99m);
        await desk.ExecuteAllAsync();
        Assert.Null(await Db.ScalarAsync<decimal?>("SELECT o.queue_ahead FROM paper_orders o JOIN trading_decisions d ON d.order_id = o.order_id WHERE d.id = $1", id));

        await QuoteAndRunAsync(desk, Symbol, t + S(3), 98.99m, 99m);

        var fill = (await Db.QueryAsync("SELECT quantity, model_parameters::jsonb->>'fill' AS model FROM paper_fills WHERE account = 'qp-touch'")).Single();
        Assert.Equal((50m, "market"), ((decimal)fill["quantity"]!, (string)fill["model"]!));
    }
}
