using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Accounts;

/// <summary>reset_account(): the epoch ends in place, its rows keep their epoch and stay, the account starts the next one (see <see cref="TradedAccount"/>).</summary>
public sealed class AccountResetTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // Every table with a foreign key to accounts, and what a reset does with its rows (the list in 0026's header).
    private static readonly string[] KeepTheirEpoch =
    [
        "paper_account_stats", "paper_cancel_requests", "paper_daily_equity", "paper_fills", "paper_ledger",
        "paper_orders", "paper_portfolio_snapshots", "paper_trades", "strategy_sessions", "trading_decisions",
    ];

    private static readonly string[] StayWithTheName = ["paper_order_marks", "paper_risk_limits"];

    private static readonly string[] MustBeEmpty = ["paper_positions"];

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task TablesReferencingAccounts_EachHasAResetDecision()
    {
        var tables = await Database.QueryAsync("""
            SELECT DISTINCT conrelid::regclass::text AS name FROM pg_constraint
            WHERE contype = 'f' AND confrelid = 'accounts'::regclass
              -- TimescaleDB chunks inherit their hypertable's foreign keys; the hypertable alone needs a decision.
              AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = conrelid)
            ORDER BY 1
            """);

        Assert.Equal(
            KeepTheirEpoch.Concat(StayWithTheName).Concat(MustBeEmpty).Order(StringComparer.Ordinal),
            tables.Select(t => (string)t["name"]!));
        // Each history table carries the epoch (and nothing refers to another account any more).
        Assert.Equal(KeepTheirEpoch.Length, await Database.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE column_name = 'epoch' AND is_nullable = 'NO' AND table_name = ANY ($1)", (object)KeepTheirEpoch));
    }

    [Fact]
    public async Task ResetAccount_TradedAccount_NoRowMovesAndEveryRowKeepsEpochOne()
    {
        await TradedAccount.CreateAsync(Database, "moved");
        var before = await RowCountsAsync("moved", 1);

        await Database.ExecuteAsync("SELECT reset_account('moved')");

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["paper_account_stats"] = 1,
                ["paper_cancel_requests"] = 0,
                ["paper_daily_equity"] = 2,
                ["paper_fills"] = 2,
                ["paper_ledger"] = 5,
                ["paper_orders"] = 2,
                ["paper_portfolio_snapshots"] = 2,
                ["paper_trades"] = 1,
                ["strategy_sessions"] = 0,
                ["trading_decisions"] = 3,
            },
            before);
        Assert.Equal(before, await RowCountsAsync("moved", 1));
        Assert.All(await RowCountsAsync("moved", 2), count => Assert.Equal(0L, count.Value));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE account LIKE 'moved%'"));
    }

    [Fact]
    public async Task ResetAccount_NewCapital_AccountStartsFreshWithEverySettingKept()
    {
        await TradedAccount.CreateAsync(Database, "fresh");

        var result = (await Database.QueryAsync("SELECT * FROM reset_account('fresh', 2500, 'smaller book')")).Single();

        Assert.Equal(("fresh", 2, 2500m, 2500m, false), ((string)result["account"]!, (int)result["epoch"]!, (decimal)result["initial_capital"]!,
            (decimal)result["cash"]!, (bool)result["halted"]!));
        Assert.Equal((null, 1, 10000m, TradedAccount.NetDeposits, TradedAccount.Cash, TradedAccount.NetPnl, 1L),
            (result["archived_as"], (int)result["archived_epoch"]!, (decimal)result["archived_initial_capital"]!,
             (decimal)result["archived_net_deposits"]!, (decimal)result["archived_final_equity"]!, (decimal)result["archived_net_pnl"]!,
             (long)result["archived_trades"]!));
        var live = (await Database.QueryAsync("SELECT * FROM accounts WHERE account = 'fresh'")).Single();
        Assert.Equal((2500m, 2500m, 2, null), ((decimal)live["initial_capital"]!, (decimal)live["cash"]!, (int)live["epoch"]!, live["peak_equity"]));
        Assert.Equal((0.0004m, 0.5m, true, 2m, 7L, TimeSpan.FromMilliseconds(250)),
            ((decimal)live["fee_rate"]!, (decimal)live["min_fee"]!, (bool)live["allow_shorting"]!, (decimal)live["leverage"]!,
             (long)live["random_seed"]!, (TimeSpan)live["latency"]!));
        Assert.False(live.ContainsKey("archived_of"));
        Assert.True((DateTime)live["epoch_started_at"]! > (DateTime)live["created_at"]!);
    }

    [Fact]
    public async Task ResetAccount_RiskLimits_StayWithTheAccountWithoutNewHistory()
    {
        await TradedAccount.CreateAsync(Database, "limited");

        await Database.ExecuteAsync("SELECT reset_account('limited')");

        var limits = await Database.QueryAsync("SELECT kind, threshold FROM paper_risk_limits WHERE account = 'limited' ORDER BY kind");
        Assert.Equal([("max_daily_loss", 0.04m), ("max_order_notional", 6000m)], limits.Select(l => ((string)l["kind"]!, (decimal)l["threshold"]!)));
        Assert.Equal(["INSERT", "INSERT", "UPDATE"],
            (await Database.QueryAsync("SELECT operation FROM paper_risk_limit_history WHERE account = 'limited' ORDER BY history_id"))
            .Select(h => (string)h["operation"]!));
    }

    [Fact]
    public async Task Views_AfterReset_ShowTheCurrentEpochAndTheHistoryViewsTheClosedOne()
    {
        await TradedAccount.CreateAsync(Database, "viewed");

        await Database.ExecuteAsync("SELECT reset_account('viewed', 20000)");

        foreach (var view in new[] { "v_paper_portfolio_overview", "v_paper_performance_metrics", "paper_trading_config" })
        {
            Assert.Equal(["viewed"], (await Database.QueryAsync($"SELECT account FROM {view} WHERE account LIKE 'viewed%'")).Select(r => (string)r["account"]!));
        }

        var overview = (await Database.QueryAsync("SELECT * FROM v_paper_portfolio_overview WHERE account = 'viewed'")).Single();
        Assert.Equal((2, 20000m, 0m, 20000m, 0m, 0m, 0L), ((int)overview["epoch"]!, (decimal)overview["initial_capital"]!, (decimal)overview["net_deposits"]!,
            (decimal)overview["total_value"]!, (decimal)overview["total_pnl"]!, (decimal)overview["realized_pnl"]!, (long)overview["total_trades"]!));
        var metrics = (await Database.QueryAsync("SELECT * FROM v_paper_performance_metrics WHERE account = 'viewed'")).Single();
        Assert.Equal((0L, 0m, 0L), ((long)metrics["total_trades"]!, (decimal)metrics["max_drawdown_pct"]!, (long)metrics["days_with_snapshots"]!));
        foreach (var view in new[] { "v_paper_recent_trades", "v_paper_equity_curve", "v_paper_daily_pnl", "v_paper_shortfall" })
        {
            Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM {view} WHERE account = 'viewed'"));
        }

        // The closed epoch's rows stay readable by (account, epoch).
        Assert.Equal(89.9m, await Database.ScalarAsync<decimal>("SELECT net_pnl FROM v_paper_trade_history WHERE account = 'viewed' AND epoch = 1"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM v_paper_equity_history WHERE account = 'viewed' AND epoch = 1"));
        Assert.Equal([10000m, 10545m], (await Database.QueryAsync(
            "SELECT opening_value FROM v_paper_daily_pnl_history WHERE account = 'viewed' AND epoch = 1 ORDER BY day")).Select(r => (decimal)r["opening_value"]!));
    }

    [Fact]
    public async Task AccountEpochs_AfterReset_ListsTheClosedAndTheCurrentEpoch()
    {
        await TradedAccount.CreateAsync(Database, "epochs");

        await Database.ExecuteAsync("SELECT reset_account('epochs', 5000, 'new strategy')");

        var epochs = await Database.QueryAsync("SELECT * FROM v_paper_account_epochs WHERE account = 'epochs' ORDER BY epoch");
        Assert.Equal(2, epochs.Count);
        // Epoch 1: 89.9 on 10000 + 500 at work = 0.8562 %.
        Assert.Equal((1, false, 10000m, 500m, 10589.9m, 89.9m, 0.8562m, 1L, "new strategy"),
            ((int)epochs[0]["epoch"]!, (bool)epochs[0]["is_current"]!, (decimal)epochs[0]["initial_capital"]!,
             (decimal)epochs[0]["net_deposits"]!, (decimal)epochs[0]["final_equity"]!, (decimal)epochs[0]["net_pnl"]!, (decimal)epochs[0]["net_pnl_pct"]!,
             (long)epochs[0]["total_trades"]!, (string)epochs[0]["reason"]!));
        Assert.Equal((2, true, 5000m, 0m, 5000m, 0m, 0L),
            ((int)epochs[1]["epoch"]!, (bool)epochs[1]["is_current"]!, (decimal)epochs[1]["initial_capital"]!,
             (decimal)epochs[1]["net_deposits"]!, (decimal)epochs[1]["final_equity"]!, (decimal)epochs[1]["net_pnl"]!, (long)epochs[1]["total_trades"]!));
        Assert.Null(epochs[1]["ended_at"]);
        Assert.True((DateTime)epochs[0]["ended_at"]! <= (DateTime)epochs[1]["started_at"]!);
    }

    [Fact]
    public async Task ResetAccount_NewCapitalThenFunding_InvariantsHoldForEveryEpoch()
    {
        await TradedAccount.CreateAsync(Database, "balanced");

        await Database.ExecuteAsync("SELECT reset_account('balanced', 777.5)");
        var afterReset = await ViolationsAsync("balanced");
        await Database.ExecuteAsync("SELECT deposit('balanced', 250); SELECT withdraw('balanced', 50)");

        Assert.Empty(afterReset);
        Assert.Equal(977.5m, await Database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'balanced'"));
        Assert.Equal([(1, 5L), (2, 2L)], (await Database.QueryAsync("SELECT epoch, count(*) AS n FROM paper_ledger WHERE account = 'balanced' GROUP BY epoch ORDER BY epoch"))
            .Select(r => ((int)r["epoch"]!, (long)r["n"]!)));
        Assert.Empty(await ViolationsAsync("balanced"));
    }

    [Fact]
    public async Task Invariants_ClosedEpochsLedgerTamperedWith_NamedAsACashViolation()
    {
        await TradedAccount.CreateAsync(Database, "audited");
        await Database.ExecuteAsync("SELECT reset_account('audited')");

        await Database.ExecuteAsync("UPDATE paper_account_epochs SET final_equity = final_equity + 1, net_pnl = net_pnl + 1 WHERE account = 'audited'");

        Assert.Contains(await ViolationsAsync("audited"), v => v.StartsWith("cash: cash 10590.9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetAccount_IdempotencyKeysOfTheClosedEpoch_StayTakenForTheAccount()
    {
        await TradedAccount.CreateAsync(Database, "keys");
        await Database.ExecuteAsync("SELECT reset_account('keys')");

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, idempotency_key) VALUES ('keys', 'BTC/USDT', 'HOLD', 0.5, 'k1')"));
        Assert.Equal("trading_decisions_idempotency_key_unique", duplicate.ConstraintName);
        await Database.ExecuteAsync("INSERT INTO trading_decisions (account, symbol, decision, confidence, idempotency_key) VALUES ('keys', 'BTC/USDT', 'HOLD', 0.5, 'k4')");
        Assert.Equal(2, await Database.ScalarAsync<int>("SELECT epoch FROM trading_decisions WHERE account = 'keys' AND idempotency_key = 'k4'"));
    }

    [Fact]
    public async Task ResetAccount_Twice_SecondClosesEpochTwo()
    {
        await TradedAccount.CreateAsync(Database, "twice");
        await Database.ExecuteAsync("SELECT reset_account('twice')");
        await Database.ExecuteAsync("SELECT deposit('twice', 100)");

        var second = (await Database.QueryAsync("SELECT * FROM reset_account('twice', NULL, 'round two')")).Single();

        Assert.Equal((2, 3, 100m, 10100m), ((int)second["archived_epoch"]!, (int)second["epoch"]!,
            (decimal)second["archived_net_deposits"]!, (decimal)second["archived_final_equity"]!));
        Assert.Equal([1, 2, 3],
            (await Database.QueryAsync("SELECT epoch FROM v_paper_account_epochs WHERE account = 'twice' ORDER BY epoch")).Select(r => (int)r["epoch"]!));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM paper_ledger WHERE account = 'twice' AND epoch = 2"));
        Assert.Empty(await ViolationsAsync("twice"));
    }

    /// <summary>(account, setup after the seed, expected SQLSTATE, words the message must contain).</summary>
    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "r-position", "INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, opened_at, updated_at) VALUES ('r-position', 'ETH/USDT', 'long', 1, 2000, now(), now())",
          PostgresErrorCodes.ObjectNotInPrerequisiteState, "has 1 open position(s) (ETH/USDT): a reset needs a flat account" },
        { "r-pending", "INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('r-pending', 'BTC/USDT', 'BUY', 0.9)",
          PostgresErrorCodes.ObjectNotInPrerequisiteState, "has 1 pending decision(s)" },
        { "r-order", "UPDATE paper_orders SET status = 'open', filled_quantity = 0, avg_fill_price = NULL, evaluated_through = now() WHERE account = 'r-order' AND side = 'sell'",
          PostgresErrorCodes.ObjectNotInPrerequisiteState, "has 1 active order(s)" },
        { "r-partial", "UPDATE paper_orders SET status = 'partially_filled', evaluated_through = now() WHERE account = 'r-partial' AND side = 'buy'",
          PostgresErrorCodes.ObjectNotInPrerequisiteState, "has 1 active order(s)" },
        { "r-cancel", "INSERT INTO paper_cancel_requests (account, order_id) VALUES ('r-cancel', 1)",
          PostgresErrorCodes.ObjectNotInPrerequisiteState, "has 1 pending cancel request(s)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ResetAccount_NotResettable_RefusedWithTheReasonAndNothingChanged(string account, string setup, string sqlState, string message)
    {
        await TradedAccount.CreateAsync(Database, account);
        await Database.ExecuteAsync(setup);
        var before = await RowCountsAsync(account, 1);

        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("SELECT reset_account($1)", account));

        Assert.Equal(sqlState, error.SqlState);
        Assert.Contains(message, error.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await RowCountsAsync(account, 1));
        Assert.Equal((1, TradedAccount.Cash), (await Database.ScalarAsync<int>("SELECT epoch FROM accounts WHERE account = $1", account),
            await Database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = $1", account)));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM paper_account_epochs WHERE account = $1", account));
    }

    [Fact]
    public async Task ResetAccount_OpenPosition_HintSaysFlattenWithTheKillSwitch()
    {
        await TradedAccount.CreateAsync(Database, "hinted");
        await Database.ExecuteAsync("INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, opened_at, updated_at) VALUES ('hinted', 'SOL/USDT', 'short', 3, 300, now(), now())");

        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("SELECT reset_account('hinted')"));

        Assert.Contains("trading kill-switch --account hinted", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT reset_account('nobody')", "23503", "unknown account nobody")]
    [InlineData("SELECT reset_account('default', 0)", "23514", "the initial capital must be a positive amount")]
    [InlineData("SELECT reset_account('default', -10)", "23514", "the initial capital must be a positive amount")]
    [InlineData("SELECT reset_account('default', 'NaN')", "23514", "the initial capital must be a positive amount")]
    public async Task ResetAccount_BadArguments_Refused(string sql, string sqlState, string message)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(sql));

        Assert.Equal((sqlState, true), (error.SqlState, error.MessageText.Contains(message, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResetAccount_LongestAccountName_Resets()
    {
        var name = new string('l', 63);
        await Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ($1)", name);

        await Database.ExecuteAsync("SELECT reset_account($1)", name);

        Assert.Equal(2, await Database.ScalarAsync<int>("SELECT epoch FROM accounts WHERE account = $1", name));
    }

    [Fact]
    public async Task ResetAccount_DecisionInsertedDuringTheReset_WaitsAndBelongsToTheNewEpoch()
    {
        await TradedAccount.CreateAsync(Database, "racing");
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var reset = new NpgsqlCommand("SELECT reset_account('racing')", connection, transaction))
        {
            await reset.ExecuteNonQueryAsync();
        }

        var insert = Database.ScalarAsync<long>("INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('racing', 'BTC/USDT', 'BUY', 0.9) RETURNING id");
        await Database.WaitUntilBlockedAsync("INSERT INTO trading_decisions%'racing'%");
        Assert.False(insert.IsCompleted);
        await transaction.CommitAsync();
        var id = await insert;

        Assert.Equal(2, await Database.ScalarAsync<int>("SELECT epoch FROM trading_decisions WHERE id = $1", id));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'racing' AND epoch = 1 AND status = 'pending'"));
    }

    private async Task<List<string>> ViolationsAsync(string account) =>
        (await Database.QueryAsync("SELECT invariant, detail FROM invariants($1)", account)).Select(r => $"{r["invariant"]}: {r["detail"]}").ToList();

    private async Task<Dictionary<string, long>> RowCountsAsync(string account, int epoch)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in KeepTheirEpoch)
        {
            counts[table] = await Database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE account = $1 AND epoch = $2", account, epoch);
        }

        return counts;
    }
}
