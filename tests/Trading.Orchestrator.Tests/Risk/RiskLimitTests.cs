using Npgsql;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Risk;

/// <summary>
/// Risk limits as rows, enforced in the transaction that would execute the decision: exactly at the limit passes,
/// beyond it is rejected with the limit's name and figures; a breached loss limit halts the account. (Every limit's
/// boundary is also pinned in the engine tests; these prove the rows reach the engine.) No fees, no slippage.
/// </summary>
public sealed class RiskLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string NoCosts = "slippage_model='none', fee_rate=0, min_fee=0";

    private async Task<Desk> DeskAsync(string account, string symbol, params string[] limits)
    {
        var desk = new Desk(fixture.Database);
        await desk.InstrumentAsync(symbol);
        await desk.CreateAccountAsync(account, NoCosts);
        foreach (var limit in limits)
        {
            await fixture.Database.ExecuteAsync($"INSERT INTO paper_risk_limits (account, kind, threshold, agent, symbol) VALUES ('{account}', {limit})");
        }

        return desk;
    }

    [Fact]
    public async Task MaxOrderNotional_AtLimitPasses_JustOverRejectedWithFigures()
    {
        var desk = await DeskAsync("rl-notional", "RLN/USDT", "'max_order_notional', 1000.1, NULL, NULL");
        await desk.QuoteAsync("RLN/USDT", 99.99m, 100.01m);
        var at = await desk.DecideAsync("rl-notional", "RLN/USDT", "BUY", 10);
        var over = await desk.DecideAsync("rl-notional", "RLN/USDT", "BUY", 10.001m);
        await desk.ExecuteAllAsync();

        Assert.Equal("executed", (await desk.OutcomeAsync(at)).Status);
        var (status, reason) = await desk.OutcomeAsync(over);
        Assert.Equal("rejected", status);
        Assert.StartsWith("risk limit max_order_notional", reason, StringComparison.Ordinal);
        Assert.Contains("1000.20", reason, StringComparison.Ordinal);
        Assert.Contains("1000.10", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxTradesPerDay_SecondPassesThirdRejected_CountsAcrossBatches()
    {
        var desk = await DeskAsync("rl-trades", "RLT/USDT", "'max_trades_per_day', 2, NULL, NULL");
        await desk.QuoteAsync("RLT/USDT", 99.99m, 100.01m);
        var first = await desk.DecideAsync("rl-trades", "RLT/USDT", "BUY", 1);
        await desk.ExecuteAllAsync();
        var second = await desk.DecideAsync("rl-trades", "RLT/USDT", "BUY", 1);
        var third = await desk.DecideAsync("rl-trades", "RLT/USDT", "BUY", 1);
        await desk.ExecuteAllAsync();

        Assert.Equal("executed", (await desk.OutcomeAsync(first)).Status);
        Assert.Equal("executed", (await desk.OutcomeAsync(second)).Status);
        var (status, reason) = await desk.OutcomeAsync(third);
        Assert.Equal("rejected", status);
        Assert.StartsWith("risk limit max_trades_per_day", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxOpenPositions_AddingToHeldPasses_NewSymbolRejected()
    {
        var desk = await DeskAsync("rl-open", "RLO1/USDT", "'max_open_positions', 1, NULL, NULL");
        await desk.InstrumentAsync("RLO2/USDT");
        await desk.QuoteAsync("RLO1/USDT", 99.99m, 100.01m);
        await desk.QuoteAsync("RLO2/USDT", 99.99m, 100.01m);
        var first = await desk.DecideAsync("rl-open", "RLO1/USDT", "BUY", 1);
        var second = await desk.DecideAsync("rl-open", "RLO2/USDT", "BUY", 1);
        var add = await desk.DecideAsync("rl-open", "RLO1/USDT", "BUY", 1);
        await desk.ExecuteAllAsync();

        Assert.Equal("executed", (await desk.OutcomeAsync(first)).Status);
        Assert.StartsWith("risk limit max_open_positions", (await desk.OutcomeAsync(second)).Reason, StringComparison.Ordinal);
        Assert.Equal("executed", (await desk.OutcomeAsync(add)).Status);
    }

    [Fact]
    public async Task MaxDailyLoss_ExactlyAtLimitPasses_BeyondRejectsAndHaltsButCloseStillExecutes()
    {
        var desk = await DeskAsync("rl-loss", "RLL/USDT", "'max_daily_loss', 0.01, NULL, NULL");
        var dayStart = new DateTimeOffset(desk.Now.UtcDateTime.Date, TimeSpan.Zero);
        await fixture.Database.ExecuteAsync("""
            INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl,
                                                   realized_pnl, total_pnl, total_pnl_pct, num_positions)
            VALUES ($1, 'rl-loss', 10000, 0, 10000, 0, 0, 0, 0, 0, 0)
            """, dayStart.AddMinutes(1));
        await desk.QuoteAsync("RLL/USDT", 99.99m, 100.01m);
        await desk.DecideAsync("rl-loss", "RLL/USDT", "BUY", 50);
        await desk.ExecuteAllAsync();

        // Mark 98.01: equity 10000 - 5000.5 + 50 x 98.01 = 9900, a loss of exactly 1 % of the day's start: allowed.
        await desk.QuoteAsync("RLL/USDT", 98.00m, 98.02m);
        var atLimit = await desk.DecideAsync("rl-loss", "RLL/USDT", "BUY", 1);
        var beyond = await desk.DecideAsync("rl-loss", "RLL/USDT", "BUY", 1);
        var afterHalt = await desk.DecideAsync("rl-loss", "RLL/USDT", "SELL", 1);
        var flatten = await desk.DecideAsync("rl-loss", "RLL/USDT", "CLOSE");
        await desk.ExecuteAllAsync();

        Assert.Equal("executed", (await desk.OutcomeAsync(atLimit)).Status);
        var (status, reason) = await desk.OutcomeAsync(beyond);
        Assert.Equal("rejected", status);
        Assert.Equal("risk limit max_daily_loss: daily loss 100.01 exceeds 1 % of day-start equity 10000.00 (allows 100.00)", reason);
        Assert.StartsWith("account halted: risk limit max_daily_loss", (await desk.OutcomeAsync(afterHalt)).Reason, StringComparison.Ordinal);
        Assert.Equal("executed", (await desk.OutcomeAsync(flatten)).Status);
        var account = (await fixture.Database.QueryAsync("SELECT halted, halt_reason FROM accounts WHERE account = 'rl-loss'")).Single();
        Assert.Equal(true, account["halted"]);
        Assert.StartsWith("risk limit max_daily_loss", (string)account["halt_reason"]!, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM paper_positions WHERE account = 'rl-loss'"));
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }

    [Fact]
    public async Task LimitChanges_InsertUpdateDelete_KeptInAnAppendOnlyHistory()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('rl-hist')");
        var id = await fixture.Database.ScalarAsync<long>(
            "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('rl-hist', 'max_order_notional', 500) RETURNING limit_id");
        await fixture.Database.ExecuteAsync("UPDATE paper_risk_limits SET threshold = 750 WHERE limit_id = $1", id);
        await fixture.Database.ExecuteAsync("DELETE FROM paper_risk_limits WHERE limit_id = $1", id);

        var history = await fixture.Database.QueryAsync(
            "SELECT operation, old_threshold, new_threshold, changed_by FROM paper_risk_limit_history WHERE limit_id = $1 ORDER BY history_id", id);
        Assert.Equal(["INSERT", "UPDATE", "DELETE"], history.Select(h => (string)h["operation"]!));
        Assert.Equal([null, 500m, 750m], history.Select(h => (decimal?)h["old_threshold"]));
        Assert.Equal([500m, 750m, null], history.Select(h => (decimal?)h["new_threshold"]));
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty((string)h["changed_by"]!)));

        var update = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync("UPDATE paper_risk_limit_history SET new_threshold = 1"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync("DELETE FROM paper_risk_limit_history"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'max_daily_loss', 0.5, 'alpha', NULL", "paper_risk_limits_loss_account_wide")]
    [InlineData("'max_drawdown', 1.5, NULL, NULL", "paper_risk_limits_fraction_range")]
    [InlineData("'max_trades_per_day', 2.5, NULL, NULL", "paper_risk_limits_count_whole")]
    [InlineData("'max_order_notional', 0, NULL, NULL", "paper_risk_limits_threshold_positive")]
    [InlineData("'max_leverage', 2, NULL, NULL", "paper_risk_limits_kind_known")]
    public async Task Insert_MalformedLimit_RefusedByNamedConstraint(string values, string constraint)
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('rl-bad') ON CONFLICT DO NOTHING");

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            fixture.Database.ExecuteAsync($"INSERT INTO paper_risk_limits (account, kind, threshold, agent, symbol) VALUES ('rl-bad', {values})"));

        Assert.Equal(constraint, error.ConstraintName);
    }
}
