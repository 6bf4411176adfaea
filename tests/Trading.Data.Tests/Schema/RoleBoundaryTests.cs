using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>trading_agent inserts decisions and reads; trading_reader reads views; neither writes anything else.</summary>
public sealed class RoleBoundaryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string InsertDecision = "INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'BUY', 0.7)";

    public static TheoryData<string, string> Allowed => new()
    {
        { "trading_agent", InsertDecision },
        { "trading_agent", "INSERT INTO trading_decisions (account, agent, strategy, symbol, decision, confidence, risk_score, reasoning, current_price, quantity, idempotency_key) VALUES ('default', 'a', 's', 'ETH/USDT', 'SELL', 0.9, 0.1, 'r', 2000, 1, 'role-test-key')" },
        { "trading_agent", "SELECT id, status, status_reason FROM trading_decisions" },
        { "trading_agent", "SELECT * FROM market_prices" },
        { "trading_agent", "SELECT * FROM v_latest_prices" },
        { "trading_agent", "SELECT * FROM v_paper_portfolio_overview" },
        { "trading_agent", "SELECT * FROM get_portfolio_value()" },
        { "trading_reader", "SELECT * FROM v_paper_portfolio_overview" },
        { "trading_reader", "SELECT * FROM v_paper_open_positions" },
        { "trading_reader", "SELECT * FROM v_paper_recent_trades" },
        { "trading_reader", "SELECT * FROM v_paper_performance_metrics" },
        { "trading_reader", "SELECT * FROM v_paper_daily_pnl" },
        { "trading_reader", "SELECT * FROM v_paper_equity_curve" },
        { "trading_reader", "SELECT * FROM paper_trading_config" },
        { "trading_reader", "SELECT * FROM get_portfolio_value('default')" },
        { "trading_orchestrator", "UPDATE accounts SET halted = false WHERE account = 'default'" },
        { "trading_orchestrator", "SELECT * FROM invariants()" },
        { "trading_reader", "SELECT * FROM v_paper_account_epochs" },
        { "trading_reader", "SELECT * FROM paper_account_epochs" },
        { "trading_agent", "SELECT * FROM v_paper_account_epochs" },
        { "trading_orchestrator", "SELECT * FROM reset_account('default', 5000, 'role test')" },
        { "trading_agent", "INSERT INTO trading_decisions (symbol, decision, confidence, order_type, limit_price, time_in_force, expires_at, stop_loss, take_profit, trailing_offset, exit_unit) VALUES ('BTC/USDT', 'BUY', 0.7, 'limit', 60000, 'gtd', now() + interval '1 hour', 5, 10, 3, 'percent')" },
        { "trading_agent", "INSERT INTO paper_cancel_requests (account, order_id, agent, reason) VALUES ('default', 42, 'a', 'r')" },
        { "trading_agent", "INSERT INTO paper_cancel_requests (account, decision_id) VALUES ('default', 1234)" },
        { "trading_agent", "SELECT request_id, status, outcome FROM paper_cancel_requests" },
        { "trading_agent", "SELECT * FROM v_paper_open_orders" },
        { "trading_reader", "SELECT * FROM v_paper_open_orders" },
        { "trading_reader", "SELECT * FROM paper_cancel_requests" },
    };

    public static TheoryData<string, string> Refused => new()
    {
        { "trading_agent", "INSERT INTO trading_decisions (symbol, decision, confidence, status) VALUES ('BTC/USDT', 'BUY', 0.7, 'executed')" },
        { "trading_agent", "UPDATE trading_decisions SET status = 'executed'" },
        { "trading_agent", "DELETE FROM trading_decisions" },
        { "trading_agent", "UPDATE accounts SET cash = 1e9" },
        { "trading_agent", "SELECT * FROM paper_ledger" },
        { "trading_agent", "SELECT * FROM accounts" },
        { "trading_agent", "INSERT INTO market_prices (time, symbol, last) VALUES (now(), 'BTC/USDT', 1)" },
        { "trading_agent", "INSERT INTO paper_orders (account, symbol, side, order_type, quantity, status, created_at, updated_at) VALUES ('default', 'BTC/USDT', 'buy', 'market', 1, 'filled', now(), now())" },
        { "trading_reader", InsertDecision },
        { "trading_reader", "SELECT * FROM trading_decisions" },
        { "trading_reader", "SELECT * FROM paper_positions" },
        { "trading_reader", "SELECT * FROM accounts" },
        { "trading_reader", "UPDATE paper_trading_config SET commission_pct = 0" },
        { "trading_orchestrator", "DELETE FROM paper_ledger" },
        { "trading_orchestrator", "DELETE FROM trading_decisions" },
        { "trading_orchestrator", "DROP TABLE paper_trades" },
        { "trading_agent", "SELECT * FROM reset_account('default')" },
        { "trading_reader", "SELECT * FROM reset_account('default')" },
        { "trading_orchestrator", "UPDATE paper_account_epochs SET reason = 'rewritten'" },
        { "trading_orchestrator", "DELETE FROM paper_account_epochs" },
        { "trading_agent", "INSERT INTO paper_cancel_requests (account, order_id, status, outcome) VALUES ('default', 42, 'done', 'forged')" },
        { "trading_agent", "UPDATE paper_cancel_requests SET status = 'done', outcome = 'forged'" },
        { "trading_agent", "DELETE FROM paper_cancel_requests" },
        { "trading_agent", "UPDATE paper_orders SET status = 'canceled'" },
        { "trading_agent", "SELECT * FROM paper_orders" },
        { "trading_reader", "INSERT INTO paper_cancel_requests (account, order_id) VALUES ('default', 42)" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Statement_WithinTheRole_Succeeds(string role, string sql)
    {
        await AsRoleAsync(role, sql);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Statement_BeyondTheRole_RefusedWithInsufficientPrivilege(string role, string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => AsRoleAsync(role, sql));

        Assert.True(error.SqlState is PostgresErrorCodes.InsufficientPrivilege or "42501",
            $"{error.SqlState}: {error.MessageText}");
    }

    /// <summary>Runs the statement as the role (SET ROLE checks privileges exactly as a member login would) and rolls back.</summary>
    private async Task AsRoleAsync(string role, string sql)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setRole = new NpgsqlCommand($"SET LOCAL ROLE {role}", connection, transaction))
        {
            await setRole.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.RollbackAsync();
    }
}
