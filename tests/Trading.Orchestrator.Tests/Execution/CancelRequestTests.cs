using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Execution;

/// <summary>
/// Cancel requests through the claim: a working order and a pending decision canceled; finished targets, another
/// account's order or decision and unknown ids refused with the reason. The body also runs on Citus (CitusExecutionTests),
/// where the two accounts' rows sit on different shards and a join on ids alone is refused.
/// </summary>
public sealed class CancelRequestTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public Task CancelRequests_OrderAndPendingDecisionCanceled_FinishedOrForeignTargetsRefusedWithReasons() =>
        ResolvedWithReasonsAsync(fixture.Database, "cr");

    internal static async Task ResolvedWithReasonsAsync(TestDatabase db, string prefix)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (account, other) = ($"{prefix}-cancel", $"{prefix}-cancel-other");
        var desk = new Desk(db);
        var symbol = $"{prefix.ToUpperInvariant()}CANCEL/USDT";
        await desk.InstrumentAsync(symbol);
        await desk.CreateAccountAsync(account, "slippage_model='none'");
        await desk.CreateAccountAsync(other, "slippage_model='none'");
        await desk.QuoteAsync(symbol, 99.99m, 100.01m);
        var resting = await desk.DecideAsync(account, symbol, "BUY", 1m, "order_type, limit_price", "limit", 90m);
        var foreign = await desk.DecideAsync(other, symbol, "BUY", 1m, "order_type, limit_price", "limit", 90m);
        await desk.ExecuteAllAsync();
        var order = await OrderOfAsync(db, resting);
        var foreignOrder = await OrderOfAsync(db, foreign);

        var pending = await desk.DecideAsync(account, symbol, "BUY", 1m);
        async Task<long> Request(string column, long target) => await db.ScalarAsync<long>(
            $"INSERT INTO paper_cancel_requests (account, {column}) VALUES ($1, $2) RETURNING request_id", account, target);
        var cancelOrder = await Request("order_id", order);
        var cancelDecision = await Request("decision_id", pending);
        var cancelDecisionTwice = await Request("decision_id", pending);
        var cancelForeign = await Request("order_id", foreignOrder);
        var cancelForeignDecision = await Request("decision_id", foreign);
        var cancelMissingOrder = await Request("order_id", 987654321);
        var cancelMissingDecision = await Request("decision_id", 987654321);
        await desk.ExecuteAllAsync();
        var again = await Request("order_id", order);
        await desk.ExecuteAllAsync();

        var requests = (await db.QueryAsync("SELECT request_id, status, outcome FROM paper_cancel_requests WHERE account = $1", account))
            .ToDictionary(r => (long)r["request_id"]!, r => ((string)r["status"]!, (string)r["outcome"]!));
        Assert.Equal(("done", $"order {order} canceled"), requests[cancelOrder]);
        Assert.Equal(("done", $"decision {pending} canceled"), requests[cancelDecision]);
        Assert.Equal(("rejected", $"decision {pending} is already canceled"), requests[cancelDecisionTwice]);
        Assert.Equal(("rejected", $"order {foreignOrder} is not an order of account {account}"), requests[cancelForeign]);
        Assert.Equal(("rejected", $"decision {foreign} is not a decision of account {account}"), requests[cancelForeignDecision]);
        Assert.Equal(("rejected", "there is no order 987654321"), requests[cancelMissingOrder]);
        Assert.Equal(("rejected", "there is no decision 987654321"), requests[cancelMissingDecision]);
        Assert.Equal(("rejected", $"order {order} is already canceled"), requests[again]);
        var canceled = (await db.QueryAsync("SELECT status, reason FROM paper_orders WHERE account = $1 AND order_id = $2", account, order)).Single();
        Assert.Equal(("canceled", $"canceled by request {cancelOrder}"), ((string)canceled["status"]!, (string)canceled["reason"]!));
        Assert.Equal(("canceled", $"canceled by request {cancelDecision}"), await desk.OutcomeAsync(pending));
        Assert.Equal("open", await db.ScalarAsync<string>("SELECT status FROM paper_orders WHERE account = $1 AND order_id = $2", other, foreignOrder));
        Assert.Empty(await db.InvariantViolationsAsync());
    }

    private static Task<long> OrderOfAsync(TestDatabase db, long decision) =>
        db.ScalarAsync<long>("SELECT order_id FROM trading_decisions WHERE id = $1", decision);
}
