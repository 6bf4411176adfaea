using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// Each agent sees and trades only the accounts granted to it, through every table, view and function it reaches, as
/// real logins (not SET ROLE). Alice trades iso-a and reads iso-c; Bob trades iso-b; a reader reads iso-b; a reader
/// without grants sees nothing.
/// </summary>
public sealed class AgentIsolationTests(AgentIsolationFixture fixture) : IClassFixture<AgentIsolationFixture>
{
    // Account-free tables every account shares (quotes and instruments): granted, no RLS needed.
    private static readonly string[] SharedTables = ["market_prices", "market_depth", "market_trades", "instruments"];

    public static TheoryData<string> AgentRelations => new()
    {
        "trading_decisions", "paper_cancel_requests", "strategy_sessions", "accounts", "paper_orders", "paper_positions",
        "paper_trades", "paper_ledger", "paper_portfolio_snapshots", "paper_account_stats", "paper_daily_equity",
        "paper_risk_limits", "paper_risk_limit_history", "v_paper_portfolio_overview", "v_paper_open_positions",
        "v_paper_recent_trades", "v_paper_performance_metrics", "v_paper_daily_pnl", "v_paper_equity_curve",
        "v_paper_open_orders", "v_paper_account_epochs", "v_strategy_sessions", "paper_trading_config", "paper_fills",
        "v_paper_shortfall", "v_paper_shortfall_summary", "v_paper_realism_band", "v_paper_realism_band_by_strategy",
    };

    // What a reader reaches (0005-0013 grants plus the views' tables), decisions excepted: readers never see their content.
    public static TheoryData<string> ReaderRelations => new()
    {
        "paper_cancel_requests", "strategy_sessions", "accounts", "paper_positions", "paper_trades",
        "v_paper_portfolio_overview", "v_paper_open_positions", "v_paper_recent_trades", "v_paper_performance_metrics",
        "v_paper_daily_pnl", "v_paper_equity_curve", "v_paper_open_orders", "v_paper_account_epochs", "v_strategy_sessions",
        "paper_trading_config",
    };

    [Theory]
    [MemberData(nameof(AgentRelations))]
    public async Task Select_EachAgentLogin_SeesOnlyItsGrantedAccounts(string relation)
    {
        Assert.Equal(AgentIsolationFixture.Accounts, await AccountsSeenAsync(null, relation));

        Assert.Equal(["iso-a", "iso-c"], await AccountsSeenAsync(fixture.Alice, relation));
        Assert.Equal(["iso-b"], await AccountsSeenAsync(fixture.Bob, relation));
    }

    [Theory]
    [MemberData(nameof(ReaderRelations))]
    public async Task Select_ReaderLogin_SeesItsGrantedAccountsAndWithoutGrantNothing(string relation)
    {
        Assert.Equal(["iso-b"], await AccountsSeenAsync(fixture.Reader, relation));
        Assert.Empty(await AccountsSeenAsync(fixture.Nobody, relation));
    }

    [Fact]
    public async Task GetPortfolioValue_AnotherAgentsAccount_ReturnsNothing()
    {
        await using var connection = await fixture.Alice.OpenAsync();

        Assert.NotNull(await ScalarAsync(connection, "SELECT get_portfolio_value('iso-a')"));
        Assert.Null(await ScalarAsync(connection, "SELECT get_portfolio_value('iso-b')"));
    }

    [Fact]
    public async Task InsertDecision_TradableAccount_AcceptedWithTheLoginRecorded()
    {
        await using var connection = await fixture.Alice.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var login = await ScalarAsync(connection, """
            INSERT INTO trading_decisions (account, agent, symbol, decision, confidence) VALUES ('iso-a', 'bob', 'BTC/USDT', 'HOLD', 0.5)
            RETURNING login
            """, transaction);

        Assert.Equal(fixture.Alice.Name, login);
    }

    [Theory]
    [InlineData("iso-b")]
    [InlineData("iso-c")]
    [InlineData("default")]
    public async Task InsertDecision_AccountNotTradable_RefusedNamingRoleAndAccount(string account)
    {
        await using var connection = await fixture.Alice.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
            $"INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('{account}', 'BTC/USDT', 'BUY', 0.9)"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal($"role {fixture.Alice.Name} may not trade account {account}", error.MessageText);
    }

    [Fact]
    public async Task InsertCancelRequest_AnotherAgentsOrder_RefusedNamingTheAccount()
    {
        await using var connection = await fixture.Alice.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
            $"INSERT INTO paper_cancel_requests (account, order_id) VALUES ('iso-b', {fixture.OpenOrders["iso-b"]})"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal($"role {fixture.Alice.Name} may not trade account iso-b", error.MessageText);
    }

    [Fact]
    public async Task InsertCancelRequest_OwnOrder_AcceptedWithTheLoginRecorded()
    {
        await using var connection = await fixture.Bob.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var login = await ScalarAsync(connection,
            $"INSERT INTO paper_cancel_requests (account, order_id) VALUES ('iso-b', {fixture.OpenOrders["iso-b"]}) RETURNING login", transaction);

        Assert.Equal(fixture.Bob.Name, login);
    }

    [Theory]
    [InlineData("INSERT INTO trading_decisions (account, symbol, decision, confidence, login) VALUES ('iso-a', 'BTC/USDT', 'BUY', 0.9, 'someone-else')")]
    [InlineData("INSERT INTO trading_decisions (account, symbol, decision, confidence, status) VALUES ('iso-a', 'BTC/USDT', 'BUY', 0.9, 'executed')")]
    [InlineData("UPDATE trading_decisions SET status = 'executed' WHERE account = 'iso-a'")]
    [InlineData("INSERT INTO paper_cancel_requests (account, order_id, login) VALUES ('iso-a', 1, 'someone-else')")]
    [InlineData("SELECT grant_account(current_user, 'iso-b')")]
    [InlineData("SELECT revoke_account(current_user, 'iso-a')")]
    [InlineData("INSERT INTO account_grants (role, account, can_trade, can_read) VALUES (current_user::regrole, 'iso-b', true, true)")]
    [InlineData("SELECT * FROM paper_fills")]
    [InlineData("SELECT random_seed, model_parameters FROM paper_fills")]
    public async Task Statement_ForgingIdentityStatusOrGrants_RefusedWithInsufficientPrivilege(string sql)
    {
        await using var connection = await fixture.Alice.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task AccountGrants_AsAnAgent_ShowsOnlyItsOwnGrants()
    {
        await using var connection = await fixture.Alice.OpenAsync();

        var rows = await QueryAsync(connection, "SELECT role::text || ':' || account || ':' || can_trade FROM account_grants ORDER BY account");

        Assert.Equal([$"{fixture.Alice.Name}:iso-a:true", $"{fixture.Alice.Name}:iso-c:false"], rows);
    }

    [Fact]
    public async Task StartStrategy_AccountNotGranted_RefusedAndNoAccountCreated()
    {
        await using var connection = await fixture.Alice.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection,
            """SELECT start_strategy('{"name": "sneaky"}', 'iso-new')"""));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal($"role {fixture.Alice.Name} may not trade account iso-new", error.MessageText);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE account = 'iso-new'"));
    }

    [Fact]
    public async Task StopStrategy_AnotherAgentsSession_RefusedWithoutNamingItsAccount()
    {
        await using var connection = await fixture.Alice.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, $"SELECT stop_strategy({fixture.Sessions["iso-b"]})"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.DoesNotContain("iso-b", error.MessageText, StringComparison.Ordinal);
        Assert.Equal("running", await fixture.Database.ScalarAsync<string>("SELECT status FROM strategy_sessions WHERE session_id = $1", fixture.Sessions["iso-b"]));
    }

    [Fact]
    public async Task StopStrategy_OwnSession_StopsIt()
    {
        await using var connection = await fixture.Bob.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await ScalarAsync(connection, $"SELECT stop_strategy({fixture.Sessions["iso-b"]}, true)", transaction);

        Assert.Equal("stopped", await ScalarAsync(connection, $"SELECT status FROM strategy_sessions WHERE session_id = {fixture.Sessions["iso-b"]}", transaction));
    }

    [Fact]
    public async Task GrantToTradingAgent_AnyMemberLogin_TradesAndReadsUntilRevoked()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('iso-shared') ON CONFLICT DO NOTHING");
        await using var carol = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await fixture.Database.ExecuteAsync("SELECT grant_account('trading_agent', 'iso-shared')");
        try
        {
            await using var connection = await carol.OpenAsync();
            await ScalarAsync(connection, "INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('iso-shared', 'BTC/USDT', 'HOLD', 0.5)");
            Assert.Equal(["iso-shared"], await QueryAsync(connection, "SELECT DISTINCT account FROM trading_decisions"));
        }
        finally
        {
            Assert.True(await fixture.Database.ScalarAsync<bool>("SELECT revoke_account('trading_agent', 'iso-shared')"));
        }

        await using var after = await carol.OpenAsync();
        Assert.Empty(await QueryAsync(after, "SELECT DISTINCT account FROM trading_decisions"));
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ScalarAsync(after, "INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('iso-shared', 'BTC/USDT', 'HOLD', 0.5)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task GrantAccount_UnknownRoleOrCaseVariant_RefusedAsUndefinedObject()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            fixture.Database.ExecuteAsync("SELECT grant_account($1, 'iso-a')", fixture.Alice.Name.ToUpperInvariant()));

        Assert.Equal(PostgresErrorCodes.UndefinedObject, error.SqlState);
    }

    [Fact]
    public async Task Select_AsOrchestratorRole_NoRowFilterInThePlan()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ScalarAsync(connection, "SET LOCAL ROLE trading_orchestrator", transaction);

        var plan = string.Join("\n", await QueryAsync(connection, "EXPLAIN SELECT * FROM trading_decisions WHERE status = 'pending'", transaction));

        Assert.DoesNotContain("trading_granted_accounts", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("InitPlan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowLevelSecurity_EveryTableWithAnAccountColumn_Enabled()
    {
        var unprotected = await fixture.Database.QueryAsync("""
            SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'account' AND NOT a.attisdropped)
            ORDER BY 1
            """);

        Assert.Empty(unprotected.Select(r => r["relname"]));
    }

    [Fact]
    public async Task RowLevelSecurity_EveryTableAnAgentOrReaderReaches_EnabledOrShared()
    {
        // Table or column privileges, SELECT or INSERT: a column grant reaches rows as much as a table grant does.
        var reached = await fixture.Database.QueryAsync("""
            SELECT c.relname FROM pg_class c
            CROSS JOIN unnest(ARRAY['trading_agent', 'trading_reader']) AS r(role)
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
              AND (has_any_column_privilege(r.role, c.oid, 'SELECT') OR has_any_column_privilege(r.role, c.oid, 'INSERT'))
            GROUP BY 1 ORDER BY 1
            """);

        Assert.Equal(SharedTables.Order(StringComparer.Ordinal), reached.Select(r => (string)r["relname"]!));
    }

    [Fact]
    public async Task Views_WithAnAccountColumnReadableByAgentsOrReaders_RunAsTheCaller()
    {
        // A view runs as its owner unless security_invoker: the owner is not subject to RLS, so it would show every account.
        var definerViews = await fixture.Database.QueryAsync("""
            SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'account' AND NOT a.attisdropped)
              AND (has_table_privilege('trading_agent', c.oid, 'SELECT') OR has_table_privilege('trading_reader', c.oid, 'SELECT'))
              AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false)
            ORDER BY 1
            """);

        Assert.Empty(definerViews.Select(r => r["relname"]));
    }

    /// <summary>The fixture accounts a login (null: the owner) sees in a relation.</summary>
    private async Task<List<string>> AccountsSeenAsync(TestLogin? login, string relation)
    {
        var sql = $"SELECT DISTINCT account FROM {relation} WHERE account LIKE 'iso-_' ORDER BY 1";
        if (login is null)
        {
            return (await fixture.Database.QueryAsync(sql)).Select(r => (string)r["account"]!).ToList();
        }

        await using var connection = await login.OpenAsync();
        return await QueryAsync(connection, sql);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static async Task<List<string>> QueryAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetValue(0).ToString()!);
        }

        return rows;
    }
}
