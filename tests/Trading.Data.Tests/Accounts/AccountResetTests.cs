using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.Accounts;

/// <summary>reset_account(): the closed epoch moves whole to the archive NAME.eN, the name starts over (see <see cref="TradedAccount"/>).</summary>
public sealed class AccountResetTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // Every table with a foreign key to accounts, and what a reset does with its rows (the list in 0009's header).
    private static readonly string[] MovedToArchive =
    [
        "paper_account_stats", "paper_cancel_requests", "paper_daily_equity", "paper_fills", "paper_ledger", "paper_order_marks",
        "paper_orders", "paper_portfolio_snapshots", "paper_trades", "strategy_sessions", "trading_decisions",
    ];

    private static readonly string[] StayWithTheName = ["paper_risk_limits"];

    private static readonly string[] MustBeEmpty = ["paper_positions"];

    private static readonly string[] ReferToArchives = ["paper_account_epochs"];

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
            MovedToArchive.Concat(StayWithTheName).Concat(MustBeEmpty).Concat(ReferToArchives).Order(StringComparer.Ordinal),
            tables.Select(t => (string)t["name"]!));
    }

    [Fact]
    public async Task ResetAccount_TradedAccount_ArchiveHoldsEveryRowOfTheEpoch()
    {
        await TradedAccount.CreateAsync(Database, "moved");
        var before = await RowCountsAsync("moved");

        await Database.ExecuteAsync("SELECT reset_account('moved')");

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["paper_account_stats"] = 1,
                ["paper_cancel_requests"] = 0,
                ["paper_daily_equity"] = 2,
                ["paper_fills"] = 2,
                ["paper_ledger"] = 5,
                ["paper_order_marks"] = 0,
                ["paper_orders"] = 2,
                ["paper_portfolio_snapshots"] = 2,
                ["paper_trades"] = 1,
                ["strategy_sessions"] = 0,
                ["trading_decisions"] = 3,
            },
            before);
        Assert.Equal(before, await RowCountsAsync("moved.e1"));
        Assert.All(await RowCountsAsync("moved"), count => Assert.Equal(0L, count.Value));
        // Orders still point at their decisions (account, decision_id), which moved in the same statement.
        Assert.Equal(2L, await Database.ScalarAsync<long>("""
            SELECT count(*) FROM paper_orders o JOIN trading_decisions d ON d.account = o.account AND d.id = o.decision_id
            WHERE o.account = 'moved.e1' AND d.order_id = o.order_id
            """));
    }

    [Fact]
    public async Task ResetAccount_NewCapital_LiveAccountStartsFreshWithEverySettingKept()
    {
        await TradedAccount.CreateAsync(Database, "fresh");

        var result = (await Database.QueryAsync("SELECT * FROM reset_account('fresh', 2500, 'smaller book')")).Single();

        Assert.Equal(("fresh", 2, 2500m, 2500m, false), ((string)result["account"]!, (int)result["epoch"]!, (decimal)result["initial_capital"]!,
            (decimal)result["cash"]!, (bool)result["halted"]!));
        Assert.Equal(("fresh.e1", 1, 10000m, TradedAccount.NetDeposits, TradedAccount.Cash, TradedAccount.NetPnl, 1L),
            ((string)result["archived_as"]!, (int)result["archived_epoch"]!, (decimal)result["archived_initial_capital"]!,
             (decimal)result["archived_net_deposits"]!, (decimal)result["archived_final_equity"]!, (decimal)result["archived_net_pnl"]!,
             (long)result["archived_trades"]!));
        var live = (await Database.QueryAsync("SELECT * FROM accounts WHERE account = 'fresh'")).Single();
        Assert.Equal((2500m, 2500m, 2, null), ((decimal)live["initial_capital"]!, (decimal)live["cash"]!, (int)live["epoch"]!, live["peak_equity"]));
        Assert.Equal((0.0004m, 0.5m, true, 2m, 7L, TimeSpan.FromMilliseconds(250)),
            ((decimal)live["fee_rate"]!, (decimal)live["min_fee"]!, (bool)live["allow_shorting"]!, (decimal)live["leverage"]!,
             (long)live["random_seed"]!, (TimeSpan)live["latency"]!));
        Assert.Null(live["archived_of"]);
        Assert.True((DateTime)live["epoch_started_at"]! > (DateTime)live["created_at"]!);
    }

    [Fact]
    public async Task ResetAccount_Archive_MarkedHaltedAndKeepsTheEpochsFigures()
    {
        await TradedAccount.CreateAsync(Database, "marked");

        await Database.ExecuteAsync("SELECT reset_account('marked')");

        var archive = (await Database.QueryAsync("SELECT * FROM accounts WHERE account = 'marked.e1'")).Single();
        Assert.Equal(("marked", 1, true, "archived epoch 1 of marked"),
            ((string)archive["archived_of"]!, (int)archive["epoch"]!, (bool)archive["halted"]!, (string)archive["halt_reason"]!));
        Assert.Equal((10000m, TradedAccount.Cash, 10589.9m, 0.0004m),
            ((decimal)archive["initial_capital"]!, (decimal)archive["cash"]!, (decimal)archive["peak_equity"]!, (decimal)archive["fee_rate"]!));
    }

    [Fact]
    public async Task ResetAccount_RiskLimits_StayWithTheLiveAccountWithoutNewHistory()
    {
        await TradedAccount.CreateAsync(Database, "limited");

        await Database.ExecuteAsync("SELECT reset_account('limited')");

        var limits = await Database.QueryAsync("SELECT kind, threshold FROM paper_risk_limits WHERE account = 'limited' ORDER BY kind");
        Assert.Equal([("max_daily_loss", 0.04m), ("max_order_notional", 6000m)], limits.Select(l => ((string)l["kind"]!, (decimal)l["threshold"]!)));
        Assert.Equal(["INSERT", "INSERT", "UPDATE"],
            (await Database.QueryAsync("SELECT operation FROM paper_risk_limit_history WHERE account = 'limited' ORDER BY history_id"))
            .Select(h => (string)h["operation"]!));
        Assert.Equal(0L, await Database.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM paper_risk_limits WHERE account = 'limited.e1') + (SELECT count(*) FROM paper_risk_limit_history WHERE account = 'limited.e1')"));
    }

    [Fact]
    public async Task Views_AfterReset_ListOnlyTheLiveAccountWithTheNewEpochsFigures()
    {
        await TradedAccount.CreateAsync(Database, "viewed");

        await Database.ExecuteAsync("SELECT reset_account('viewed', 20000)");

        foreach (var view in new[] { "v_paper_portfolio_overview", "v_paper_performance_metrics", "paper_trading_config" })
        {
            Assert.Equal(["viewed"], (await Database.QueryAsync($"SELECT account FROM {view} WHERE account LIKE 'viewed%'")).Select(r => (string)r["account"]!));
        }

        var overview = (await Database.QueryAsync("SELECT * FROM v_paper_portfolio_overview WHERE account = 'viewed'")).Single();
        Assert.Equal((20000m, 0m, 20000m, 0m, 0m, 0L), ((decimal)overview["initial_capital"]!, (decimal)overview["net_deposits"]!,
            (decimal)overview["total_value"]!, (decimal)overview["total_pnl"]!, (decimal)overview["realized_pnl"]!, (long)overview["total_trades"]!));
        var metrics = (await Database.QueryAsync("SELECT * FROM v_paper_performance_metrics WHERE account = 'viewed'")).Single();
        Assert.Equal((0L, 0m, 0L), ((long)metrics["total_trades"]!, (decimal)metrics["max_drawdown_pct"]!, (long)metrics["days_with_snapshots"]!));
        // The closed epoch's rows stay readable under the archive's name.
        Assert.Equal(89.9m, await Database.ScalarAsync<decimal>("SELECT net_pnl FROM v_paper_recent_trades WHERE account = 'viewed.e1'"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM v_paper_equity_curve WHERE account = 'viewed.e1'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM v_paper_recent_trades WHERE account = 'viewed'"));
    }

    [Fact]
    public async Task AccountEpochs_AfterReset_ListsTheClosedAndTheCurrentEpoch()
    {
        await TradedAccount.CreateAsync(Database, "epochs");

        await Database.ExecuteAsync("SELECT reset_account('epochs', 5000, 'new strategy')");

        var epochs = await Database.QueryAsync("SELECT * FROM v_paper_account_epochs WHERE account = 'epochs' ORDER BY epoch");
        Assert.Equal(2, epochs.Count);
        // Epoch 1: 89.9 on 10000 + 500 at work = 0.8562 %.
        Assert.Equal((1, false, "epochs.e1", 10000m, 500m, 10589.9m, 89.9m, 0.8562m, 1L, "new strategy"),
            ((int)epochs[0]["epoch"]!, (bool)epochs[0]["is_current"]!, (string)epochs[0]["history_account"]!, (decimal)epochs[0]["initial_capital"]!,
             (decimal)epochs[0]["net_deposits"]!, (decimal)epochs[0]["final_equity"]!, (decimal)epochs[0]["net_pnl"]!, (decimal)epochs[0]["net_pnl_pct"]!,
             (long)epochs[0]["total_trades"]!, (string)epochs[0]["reason"]!));
        Assert.Equal((2, true, "epochs", 5000m, 0m, 5000m, 0m, 0L),
            ((int)epochs[1]["epoch"]!, (bool)epochs[1]["is_current"]!, (string)epochs[1]["history_account"]!, (decimal)epochs[1]["initial_capital"]!,
             (decimal)epochs[1]["net_deposits"]!, (decimal)epochs[1]["final_equity"]!, (decimal)epochs[1]["net_pnl"]!, (long)epochs[1]["total_trades"]!));
        Assert.Null(epochs[1]["ended_at"]);
        Assert.True((DateTime)epochs[0]["ended_at"]! <= (DateTime)epochs[1]["started_at"]!);
    }

    [Fact]
    public async Task ResetAccount_NewCapitalThenFunding_InvariantsHoldForLiveAndArchive()
    {
        await TradedAccount.CreateAsync(Database, "balanced");

        await Database.ExecuteAsync("SELECT reset_account('balanced', 777.5)");
        var afterReset = (await ViolationsAsync("balanced")).Concat(await ViolationsAsync("balanced.e1")).ToList();
        await Database.ExecuteAsync("SELECT deposit('balanced', 250); SELECT withdraw('balanced', 50)");

        Assert.Empty(afterReset);
        Assert.Equal((977.5m, TradedAccount.Cash), (await Database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'balanced'"),
            await Database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'balanced.e1'")));
        Assert.Empty(await ViolationsAsync("balanced"));
        Assert.Empty(await ViolationsAsync("balanced.e1"));
    }

    [Fact]
    public async Task ResetAccount_IdempotencyKeysOfTheClosedEpoch_ReusableInTheNewOne()
    {
        await TradedAccount.CreateAsync(Database, "keys");
        await Database.ExecuteAsync("SELECT reset_account('keys')");

        await Database.ExecuteAsync("INSERT INTO trading_decisions (account, symbol, decision, confidence, idempotency_key) VALUES ('keys', 'BTC/USDT', 'HOLD', 0.5, 'k1')");

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, idempotency_key) VALUES ('keys', 'BTC/USDT', 'HOLD', 0.5, 'k1')"));
        Assert.Equal("trading_decisions_idempotency_key_unique", duplicate.ConstraintName);
    }

    [Fact]
    public async Task ResetAccount_Twice_SecondArchiveIsE2()
    {
        await TradedAccount.CreateAsync(Database, "twice");
        await Database.ExecuteAsync("SELECT reset_account('twice')");
        await Database.ExecuteAsync("SELECT deposit('twice', 100)");

        var second = (await Database.QueryAsync("SELECT * FROM reset_account('twice', NULL, 'round two')")).Single();

        Assert.Equal(("twice.e2", 2, 3, 100m, 10100m), ((string)second["archived_as"]!, (int)second["archived_epoch"]!, (int)second["epoch"]!,
            (decimal)second["archived_net_deposits"]!, (decimal)second["archived_final_equity"]!));
        Assert.Equal(["twice.e1", "twice.e2", "twice"],
            (await Database.QueryAsync("SELECT history_account FROM v_paper_account_epochs WHERE account = 'twice' ORDER BY epoch")).Select(r => (string)r["history_account"]!));
        Assert.Equal("twice", await Database.ScalarAsync<string>("SELECT archived_of FROM accounts WHERE account = 'twice.e2'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM paper_ledger WHERE account = 'twice.e2'"));
        Assert.Empty(await ViolationsAsync("twice"));
        Assert.Empty(await ViolationsAsync("twice.e2"));
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
        { "r-taken", "INSERT INTO accounts (account) VALUES ('r-taken.e1')",
          PostgresErrorCodes.ObjectNotInPrerequisiteState, "cannot archive epoch 1 of r-taken as r-taken.e1: an account of that name exists" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ResetAccount_NotResettable_RefusedWithTheReasonAndNothingChanged(string account, string setup, string sqlState, string message)
    {
        await TradedAccount.CreateAsync(Database, account);
        await Database.ExecuteAsync(setup);
        var before = await RowCountsAsync(account);

        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("SELECT reset_account($1)", account));

        Assert.Equal(sqlState, error.SqlState);
        Assert.Contains(message, error.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await RowCountsAsync(account));
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
    public async Task ResetAccount_ArchiveNameLongerThanAnAccountName_RefusedNamingTheFormat()
    {
        var name = new string('l', 62);
        await Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ($1)", name);

        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("SELECT reset_account($1)", name));

        Assert.Equal(("accounts_account_format", 1), (error.ConstraintName, await Database.ScalarAsync<int>("SELECT epoch FROM accounts WHERE account = $1", name)));
    }

    [Theory]
    [InlineData("SELECT reset_account('frozen.e1')", "an archive is never reset")]
    [InlineData("SELECT deposit('frozen.e1', 100)", "read-only archive of epoch 1 of frozen")]
    [InlineData("SELECT withdraw('frozen.e1', 100)", "read-only archive of epoch 1 of frozen")]
    [InlineData("SELECT kill_switch('frozen.e1')", "read-only archive of epoch 1 of frozen")]
    [InlineData("SELECT resume_account('frozen.e1')", "read-only archive of epoch 1 of frozen")]
    [InlineData("UPDATE accounts SET fee_rate = 0 WHERE account = 'frozen.e1'", "read-only archive of epoch 1 of frozen")]
    [InlineData("DELETE FROM accounts WHERE account = 'frozen.e1'", "read-only archive of epoch 1 of frozen")]
    public async Task Archive_AnyChange_RefusedAsReadOnly(string sql, string message)
    {
        await FrozenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(sql));

        Assert.Equal((PostgresErrorCodes.ObjectNotInPrerequisiteState, true), (error.SqlState, error.MessageText.Contains(message, StringComparison.Ordinal)));
        Assert.Equal((TradedAccount.Cash, "archived epoch 1 of frozen"), (await Database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'frozen.e1'"),
            await Database.ScalarAsync<string>("SELECT halt_reason FROM accounts WHERE account = 'frozen.e1'")));
    }

    [Fact]
    public async Task Archive_DecisionInsert_RefusedAtInsertNamingTheLiveAccount()
    {
        await FrozenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("""
            INSERT INTO trading_decisions (account, symbol, decision, confidence)
            VALUES ('frozen', 'BTC/USDT', 'HOLD', 0.5), ('frozen.e1', 'BTC/USDT', 'BUY', 0.9)
            """));

        Assert.Equal(("trading_decisions_account_live", "account frozen.e1 is the read-only archive of epoch 1 of frozen: decisions go to frozen"),
            (error.ConstraintName, error.MessageText));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'frozen' AND status = 'pending'"));
    }

    [Fact]
    public async Task Archive_DecisionInsertByAnAgent_RefusedAsAnArchiveNotForLackOfPrivilege()
    {
        await FrozenAsync();
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Granted, so what refuses it is the archive, not the grant.
        await using var insert = new NpgsqlCommand("""
            SELECT grant_account('trading_agent', 'frozen.e1');
            SET LOCAL ROLE trading_agent;
            INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ('frozen.e1', 'BTC/USDT', 'BUY', 0.9);
            """, connection, transaction);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal("trading_decisions_account_live", error.ConstraintName);
    }

    [Fact]
    public async Task PaperTradingConfig_AfterReset_StillChangesTheLiveAccountNeverTheArchive()
    {
        await FrozenAsync();

        var archive = await Database.ExecuteAsync("UPDATE paper_trading_config SET commission_pct = 0.002 WHERE account = 'frozen.e1'");
        var live = await Database.ExecuteAsync("UPDATE paper_trading_config SET commission_pct = 0.002 WHERE account = 'frozen'");

        Assert.Equal((0, 1), (archive, live));
        Assert.Equal((0.0004m, 0.002m), (await Database.ScalarAsync<decimal>("SELECT fee_rate FROM accounts WHERE account = 'frozen.e1'"),
            await Database.ScalarAsync<decimal>("SELECT fee_rate FROM accounts WHERE account = 'frozen'")));
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

        Assert.Equal("racing", await Database.ScalarAsync<string>("SELECT account FROM trading_decisions WHERE id = $1", id));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM trading_decisions WHERE account = 'racing.e1' AND status = 'pending'"));
    }

    private async Task FrozenAsync()
    {
        if (!await Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = 'frozen.e1')"))
        {
            await TradedAccount.CreateAsync(Database, "frozen");
            await Database.ExecuteAsync("SELECT reset_account('frozen')");
        }
    }

    private async Task<List<string>> ViolationsAsync(string account) =>
        (await Database.QueryAsync("SELECT invariant, detail FROM invariants($1)", account)).Select(r => $"{r["invariant"]}: {r["detail"]}").ToList();

    private async Task<Dictionary<string, long>> RowCountsAsync(string account)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in MovedToArchive)
        {
            counts[table] = await Database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE account = $1", account);
        }

        return counts;
    }
}
