using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>Status belongs to the orchestrator: an insert cannot pre-empt it, and terminal states need a reason.</summary>
public sealed class DecisionStatusTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Insert_WithStatusAndTimestamps_IsForcedPendingOnTheDatabaseClock()
    {
        var row = (await fixture.Database.QueryAsync("""
            INSERT INTO trading_decisions (symbol, decision, confidence, status, status_reason, processed_at, created_at)
            VALUES ('BTC/USDT', 'BUY', 0.7, 'executed', 'forged', now(), '2000-01-01')
            RETURNING status, status_reason, processed_at, created_at > now() - interval '1 minute' AS fresh
            """)).Single();

        Assert.Equal("pending", row["status"]);
        Assert.Null(row["status_reason"]);
        Assert.Null(row["processed_at"]);
        Assert.Equal(true, row["fresh"]);
    }

    [Fact]
    public async Task Update_TerminalWithoutReason_Refused()
    {
        var id = await fixture.Database.ScalarAsync<long>(
            "INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'HOLD', 0.7) RETURNING id");

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(
            "UPDATE trading_decisions SET status = 'skipped', processed_at = now() WHERE id = $1", id));

        Assert.Equal("trading_decisions_terminal_has_reason", error.ConstraintName);
    }

    [Fact]
    public async Task Update_ExecutedWithoutOrder_Refused()
    {
        var id = await fixture.Database.ScalarAsync<long>(
            "INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'BUY', 0.7) RETURNING id");

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(
            "UPDATE trading_decisions SET status = 'executed', status_reason = 'x', processed_at = now() WHERE id = $1", id));

        Assert.Equal("trading_decisions_executed_has_order", error.ConstraintName);
    }

    [Fact]
    public async Task Update_UnknownStatus_Refused()
    {
        var id = await fixture.Database.ScalarAsync<long>(
            "INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'BUY', 0.7) RETURNING id");

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(
            "UPDATE trading_decisions SET status = 'done', status_reason = 'x', processed_at = now() WHERE id = $1", id));

        Assert.Equal("trading_decisions_status_known", error.ConstraintName);
    }
}
