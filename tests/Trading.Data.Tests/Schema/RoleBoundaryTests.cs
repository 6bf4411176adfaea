using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// trading_agent inserts decisions and reads; trading_reader reads views; neither writes anything else. The orchestrator
/// writes what execution writes and appends history without rewriting it; trading_feed writes quotes; trading_operator
/// manages accounts, limits and money through the owner's functions.
/// </summary>
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
        { "trading_orchestrator", "SELECT name, checksum FROM schema_migrations" },
        { "trading_orchestrator", "UPDATE trading_decisions SET status = status, status_reason = status_reason, attempts = attempts" },
        { "trading_orchestrator", "UPDATE accounts SET cash = cash, peak_equity = peak_equity WHERE account = 'default'" },
        { "trading_orchestrator", "SELECT kill_switch('default', 'role test')" },
        { "trading_orchestrator", "SELECT deposit('default', 100)" },
        { "trading_orchestrator", "INSERT INTO market_prices (time, symbol, last) VALUES (now(), 'BTC/USDT', 1)" },
        { "trading_feed", "INSERT INTO market_prices (time, symbol, last) VALUES (now(), 'BTC/USDT', 1)" },
        { "trading_feed", "INSERT INTO instruments (symbol) VALUES ('FEED/USDT') ON CONFLICT DO NOTHING" },
        { "trading_feed", "SELECT name FROM schema_migrations" },
        { "trading_operator", "SELECT deposit('default', 5, 'role test')" },
        { "trading_operator", "SELECT withdraw('default', 5, 'role test')" },
        { "trading_operator", "INSERT INTO accounts (account) VALUES ('operator-new')" },
        { "trading_operator", "UPDATE accounts SET fee_rate = 0.002, initial_capital = 20000, cash = 20000 WHERE account = 'default'" },
        { "trading_operator", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('default', 'max_order_notional', 1000)" },
        { "trading_operator", "SELECT kill_switch('default', 'role test')" },
        { "trading_operator", "SELECT resume_account('default')" },
        { "trading_operator", "SELECT withdraw('default', 100)" },
        { "trading_operator", "SELECT * FROM reset_account('default', 5000, 'role test')" },
        { "trading_operator", InsertDecision },
        { "trading_operator", "INSERT INTO paper_cancel_requests (account, decision_id, agent, reason) VALUES ('default', 1234, 'ops', 'r')" },
        { "trading_operator", "SELECT * FROM paper_ledger" },
        { "trading_operator", "SELECT * FROM invariants()" },
        // Since 0014 agents and readers read the tables beneath the views, their granted accounts' rows only.
        { "trading_agent", "SELECT * FROM paper_ledger" },
        { "trading_agent", "SELECT * FROM accounts" },
        { "trading_agent", "SELECT * FROM paper_orders" },
        { "trading_reader", "SELECT * FROM paper_positions" },
        { "trading_reader", "SELECT * FROM accounts" },
        { "trading_reader", "SELECT * FROM v_strategy_sessions" },
        { "trading_agent", "SELECT * FROM account_grants" },
        { "trading_operator", "SELECT grant_account('trading_agent', 'default', false, true)" },
        { "trading_operator", "SELECT revoke_account('trading_agent', 'default')" },
        { "trading_feed", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'BTC/USDT', 'bid', 0, 1, 1)" },
        { "trading_feed", "INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES (now(), 'BTC/USDT', 1, 1, 1)" },
        { "trading_orchestrator", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'BTC/USDT', 'ask', 0, 1, 1)" },
        { "trading_orchestrator", "SELECT * FROM market_trades" },
        { "trading_reader", "SELECT * FROM market_depth" },
        { "trading_agent", "SELECT * FROM market_trades" },
    };

    public static TheoryData<string, string> Refused => new()
    {
        { "trading_agent", "INSERT INTO trading_decisions (symbol, decision, confidence, status) VALUES ('BTC/USDT', 'BUY', 0.7, 'executed')" },
        { "trading_agent", "UPDATE trading_decisions SET status = 'executed'" },
        { "trading_agent", "DELETE FROM trading_decisions" },
        { "trading_agent", "UPDATE accounts SET cash = 1e9" },
        { "trading_agent", "INSERT INTO market_prices (time, symbol, last) VALUES (now(), 'BTC/USDT', 1)" },
        { "trading_agent", "INSERT INTO paper_orders (account, symbol, side, order_type, quantity, status, created_at, updated_at) VALUES ('default', 'BTC/USDT', 'buy', 'market', 1, 'filled', now(), now())" },
        { "trading_reader", InsertDecision },
        { "trading_reader", "SELECT * FROM trading_decisions" },
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
        { "trading_reader", "INSERT INTO paper_cancel_requests (account, order_id) VALUES ('default', 42)" },
        { "trading_orchestrator", "UPDATE schema_migrations SET checksum = 'forged'" },
        { "trading_orchestrator", "INSERT INTO schema_migrations (name, checksum, duration_ms) VALUES ('9999_forged.sql', 'x', 0)" },
        { "trading_orchestrator", "DELETE FROM schema_migrations" },
        { "trading_orchestrator", "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE" },
        { "trading_orchestrator", "INSERT INTO paper_risk_limit_history (limit_id, account, kind, operation, new_threshold) VALUES (1, 'default', 'max_drawdown', 'INSERT', 0.5)" },
        { "trading_orchestrator", "INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ('default', 'max_order_notional', 1)" },
        { "trading_orchestrator", "UPDATE paper_fills SET price = 1" },
        { "trading_orchestrator", "UPDATE paper_ledger SET amount = 0" },
        { "trading_orchestrator", "UPDATE paper_trades SET net_pnl = 0" },
        { "trading_orchestrator", "DELETE FROM paper_fills" },
        { "trading_orchestrator", "INSERT INTO paper_account_epochs (account, epoch, base_currency, started_at, ended_at, initial_capital, net_deposits, final_equity, net_pnl, total_trades) VALUES ('default', 9, 'USDT', now(), now(), 1, 0, 1, 0, 0)" },
        { "trading_orchestrator", "UPDATE accounts SET initial_capital = 1" },
        { "trading_orchestrator", "UPDATE trading_decisions SET symbol = 'ETH/USDT', confidence = 1" },
        { "trading_orchestrator", "UPDATE market_prices SET bid = 1" },
        { "trading_feed", InsertDecision },
        { "trading_feed", "UPDATE market_prices SET bid = 1" },
        { "trading_feed", "DELETE FROM market_prices" },
        { "trading_feed", "INSERT INTO instruments (symbol, tick_size) VALUES ('FEED2/USDT', 1)" },
        { "trading_feed", "UPDATE instruments SET tick_size = 1" },
        { "trading_feed", "SELECT * FROM accounts" },
        { "trading_operator", "INSERT INTO paper_ledger (account, time, kind, amount) VALUES ('default', now(), 'deposit', 1)" },
        { "trading_operator", "UPDATE accounts SET halted = false" },
        { "trading_operator", "UPDATE paper_fills SET price = 1" },
        { "trading_operator", "INSERT INTO paper_risk_limit_history (limit_id, account, kind, operation, new_threshold) VALUES (1, 'default', 'max_drawdown', 'INSERT', 0.5)" },
        { "trading_operator", "UPDATE schema_migrations SET checksum = 'forged'" },
        { "trading_operator", "UPDATE trading_decisions SET status = 'executed'" },
        { "trading_operator", "INSERT INTO market_prices (time, symbol, last) VALUES (now(), 'BTC/USDT', 1)" },
        { "trading_agent", "SELECT kill_switch('default')" },
        { "trading_agent", "SELECT deposit('default', 1000000)" },
        { "trading_agent", "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE" },
        { "trading_agent", "SELECT grant_account('trading_agent', '*')" },
        { "trading_reader", "SELECT revoke_account('pg_read_all_data', '*')" },
        { "trading_orchestrator", "SELECT grant_account('trading_orchestrator', '*')" },
        { "trading_agent", "SELECT * FROM paper_fills" },
        { "trading_agent", "INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'BTC/USDT', 'bid', 0, 1, 1)" },
        { "trading_reader", "INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES (now(), 'BTC/USDT', 1, 1, 1)" },
        { "trading_feed", "UPDATE market_depth SET size = 0" },
        { "trading_feed", "DELETE FROM market_trades" },
        { "trading_orchestrator", "UPDATE market_trades SET price = 1" },
        { "trading_operator", "INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES (now(), 'BTC/USDT', 1, 1, 1)" },
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

    [Fact]
    public async Task AuditRows_WrittenByTheOwnersFunctions_NameTheActingRole()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var statement in new[]
                 {
                     "SET LOCAL ROLE trading_operator",
                     "INSERT INTO paper_risk_limits (account, kind, threshold, agent) VALUES ('default', 'max_order_notional', 1000, 'audit-test')",
                     "SELECT * FROM reset_account('default', 5000, 'audit test')",
                 })
        {
            await using var step = new NpgsqlCommand(statement, connection, transaction);
            await step.ExecuteNonQueryAsync();
        }

        await using var read = new NpgsqlCommand("""
            SELECT (SELECT changed_by FROM paper_risk_limit_history WHERE agent = 'audit-test') || ' ' ||
                   (SELECT reset_by FROM paper_account_epochs WHERE reason = 'audit test')
            """, connection, transaction);
        var writers = await read.ExecuteScalarAsync();

        await transaction.RollbackAsync();
        Assert.Equal("trading_operator trading_operator", writers);
    }

    /// <summary>
    /// Runs the statement as the role (SET ROLE checks privileges exactly as a member login would) and rolls back. The
    /// role is granted every account first, inside the transaction: these cases are about what a role may do at all;
    /// which accounts it may do it on is AgentIsolationTests'.
    /// </summary>
    private async Task AsRoleAsync(string role, string sql)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var grant = new NpgsqlCommand($"SELECT grant_account('{role}', '*')", connection, transaction))
        {
            await grant.ExecuteNonQueryAsync();
        }

        await using (var setRole = new NpgsqlCommand($"SET LOCAL ROLE {role}", connection, transaction))
        {
            await setRole.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.RollbackAsync();
    }
}
