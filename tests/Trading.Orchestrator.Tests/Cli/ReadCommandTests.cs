using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Migrations;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>status, positions, orders, trades, decisions, accounts and check on the accounts of <see cref="CliSeed"/>.</summary>
public sealed class ReadCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Connection => fixture.Database.ConnectionString;

    [Fact]
    public async Task Status_Account_PortfolioAndDecisionCountsAsJson()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "status", "--account", "quant", "--json");

        Assert.Equal(0, exit);
        var json = CliRun.Json(output);
        var portfolio = json.GetProperty("portfolio").EnumerateArray().Single();
        Assert.Equal(10151m, portfolio.GetProperty("total_value").GetDecimal());
        Assert.Equal(151m, portfolio.GetProperty("realized_pnl").GetDecimal());
        Assert.Equal(1.51m, portfolio.GetProperty("total_pnl_pct").GetDecimal());
        var decisions = json.GetProperty("decisions").EnumerateArray().Single();
        Assert.Equal((1, 1, 1, 0, 3), (decisions.GetProperty("pending").GetInt64(), decisions.GetProperty("rejected").GetInt64(),
            decisions.GetProperty("skipped").GetInt64(), decisions.GetProperty("executed").GetInt64(), decisions.GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task Status_EveryStatus_ColumnsAddUpToTheTotal()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "status", "--json");

        Assert.Equal(0, exit);
        foreach (var row in CliRun.Json(output).GetProperty("decisions").EnumerateArray())
        {
            var counts = row.EnumerateObject().Where(p => p.Name is not ("account" or "total")).ToList();
            Assert.Equal(Enum.GetNames<Trading.Engine.Primitives.DecisionStatus>().Select(n => n.ToLowerInvariant()), counts.Select(p => p.Name));
            Assert.Equal(row.GetProperty("total").GetInt64(), counts.Sum(p => p.Value.GetInt64()));
        }
    }

    [Fact]
    public async Task AccountsList_Default_NarrowTableWideHasEverySetting()
    {
        await SeedAsync();

        var (exit, narrow) = await CliRun.RunAsync(Connection, "accounts", "list");
        var (wideExit, wide) = await CliRun.RunAsync(Connection, "accounts", "list", "--wide");

        Assert.Equal((0, 0), (exit, wideExit));
        Assert.Contains("initial_capital", narrow, StringComparison.Ordinal);
        Assert.DoesNotContain("slippage", narrow, StringComparison.Ordinal);
        Assert.Contains("slippage", wide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AllAccounts_PrintsBothTables()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "status");

        Assert.Equal(0, exit);
        Assert.Contains("Portfolio", output, StringComparison.Ordinal);
        Assert.Contains("Decisions by status", output, StringComparison.Ordinal);
        Assert.Contains("10151", output, StringComparison.Ordinal);
        Assert.Contains("default", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_StatusRejected_OnlyTheRejectedOneWithItsReason()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "decisions", "--status", "REJECTED", "--json");

        Assert.Equal(0, exit);
        var row = CliRun.Json(output).EnumerateArray().Single();
        Assert.Equal("ETH/USDT", row.GetProperty("symbol").GetString());
        Assert.Equal("no price for ETH/USDT", row.GetProperty("status_reason").GetString());
        Assert.Equal(0.7m, row.GetProperty("confidence").GetDecimal());
    }

    [Fact]
    public async Task Trades_Limit2_NewestTwoWithNetPnl()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "trades", "-a", "quant", "--limit", "2", "--json");

        Assert.Equal(0, exit);
        var rows = CliRun.Json(output).EnumerateArray().ToList();
        Assert.Equal([59m, -32m], rows.Select(r => r.GetProperty("net_pnl").GetDecimal()));
        Assert.Equal("win", rows[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task TradesTable_Seeded_PrintsRowsAsATable()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "trades", "-a", "quant");

        Assert.Equal(0, exit);
        Assert.Contains("Closed trades", output, StringComparison.Ordinal);
        Assert.Contains("│ net_pnl │", output, StringComparison.Ordinal);
        Assert.Contains("-52", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PositionsAndOrders_NoneOpen_SayNoneAndEmptyJson()
    {
        await SeedAsync();

        var (positionsExit, positions) = await CliRun.RunAsync(Connection, "positions", "-a", "quant");
        var (ordersExit, orders) = await CliRun.RunAsync(Connection, "orders", "-a", "quant", "--json");

        Assert.Equal((0, 0), (positionsExit, ordersExit));
        Assert.Contains("Open positions: (none)", positions, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Json(orders).GetArrayLength());
    }

    [Theory]
    [InlineData(2, "unknown status 'bogus'", "decisions", "--status", "bogus")]
    [InlineData(2, "--limit 0 must be between", "trades", "--limit", "0")]
    [InlineData(5, "unknown account 'nobody'", "positions", "--account", "nobody")]
    [InlineData(5, "unknown account 'nobody'", "status", "--account", "nobody")]
    [InlineData(5, "unknown account 'nobody'", "check", "--account", "nobody")]
    public async Task ReadCommands_BadArguments_ClearMessageAndExitCode(int expectedExit, string message, params string[] arguments)
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, arguments);

        Assert.Equal(expectedExit, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsCreate_CapitalAndShorting_CashEqualsCapitalOtherSettingsDefault()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "create", "lab-1", "--capital", "5000", "--shorting", "--fee-rate", "0.0004", "--json");

        Assert.Equal(0, exit);
        var row = CliRun.Json(output).EnumerateArray().Single();
        Assert.Equal(5000m, row.GetProperty("initial_capital").GetDecimal());
        Assert.Equal(5000m, row.GetProperty("cash").GetDecimal());
        Assert.True(row.GetProperty("allow_shorting").GetBoolean());
        Assert.Equal(0.0004m, row.GetProperty("fee_rate").GetDecimal());
        Assert.Equal(1m, row.GetProperty("min_fee").GetDecimal());
        Assert.Equal(0.2m, row.GetProperty("max_position_fraction").GetDecimal());
        Assert.DoesNotContain(await fixture.Database.InvariantViolationsAsync(), v => v.StartsWith("lab-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccountsCreate_ExitDefaultsAndFillProbability_StoredAndListed()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "create", "lab-3", "--stop-loss-pct", "5", "--take-profit-pct", "15",
            "--fill-probability", "0.5", "--json");
        var (listExit, list) = await CliRun.RunAsync(Connection, "accounts", "list", "--json");

        Assert.Equal((0, 0), (exit, listExit));
        var row = CliRun.Json(output).EnumerateArray().Single();
        Assert.Equal((5m, 15m, 0.5m), (row.GetProperty("default_stop_loss_pct").GetDecimal(), row.GetProperty("default_take_profit_pct").GetDecimal(),
            row.GetProperty("fill_probability").GetDecimal()));
        var quant = CliRun.Json(list).EnumerateArray().Single(r => r.GetProperty("account").GetString() == "quant");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, quant.GetProperty("default_stop_loss_pct").ValueKind);
        Assert.Equal(1m, quant.GetProperty("fill_probability").GetDecimal());
    }

    [Theory]
    [InlineData("constraint accounts_default_stop_loss_pct_range", "--stop-loss-pct", "100")]
    [InlineData("constraint accounts_default_take_profit_pct_range", "--take-profit-pct", "0")]
    [InlineData("constraint accounts_fill_probability_range", "--fill-probability", "1.5")]
    public async Task AccountsCreate_ExitDefaultOutOfRange_NamesTheConstraintAndCreatesNothing(string message, params string[] options)
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, ["accounts", "create", "lab-4", .. options]);

        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.False(await fixture.Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = 'lab-4')"));
    }

    [Theory]
    [InlineData("quant", "constraint accounts_pkey: already exists")]
    [InlineData("Bad Name", "constraint accounts_account_format")]
    public async Task AccountsCreate_Refused_NamesTheConstraintExitsBadArguments(string name, string message)
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "create", name);

        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsCreate_FeeRateOutOfRange_NamesTheConstraintAndCreatesNothing()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "create", "lab-2", "--fee-rate", "0.5");

        Assert.Equal(2, exit);
        Assert.Contains("constraint accounts_fee_rate_range", output, StringComparison.Ordinal);
        Assert.False(await fixture.Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = 'lab-2')"));
    }

    [Fact]
    public async Task AccountsList_Json_ListsSeededAccounts()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "list", "--json");

        Assert.Equal(0, exit);
        var names = CliRun.Json(output).EnumerateArray().Select(r => r.GetProperty("account").GetString()).ToList();
        Assert.Contains("default", names);
        Assert.Contains("quant", names);
    }

    [Fact]
    public async Task Check_BalancedAccount_ExitsZero()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "check", "--account", "quant");

        Assert.Equal(0, exit);
        Assert.Contains("OK: no invariant violated for quant.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BrokenAccount_ListsViolationsExitsOne()
    {
        await SeedAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "check", "--account", "broken", "--json");

        Assert.Equal(1, exit);
        var json = CliRun.Json(output);
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal(["cash", "pnl"], json.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("invariant").GetString()));
    }

    [Fact]
    public async Task Check_AgentLoginWithoutConnectionLimit_WarnsNamingItAndExitsZero()
    {
        await SeedAsync();
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");

        // Roles are the cluster's: a test migrating a fresh database meanwhile runs 0011, which gives every unlimited agent
        // login a limit. The check is judged only on a run during which the login stayed unlimited.
        List<string> warnings;
        var attempts = 0;
        do
        {
            await fixture.Database.ExecuteAsync($"ALTER ROLE \"{agent.Name}\" CONNECTION LIMIT -1");
            var (exit, output) = await CliRun.RunAsync(Connection, "check", "--account", "quant", "--json");
            Assert.Equal(0, exit);
            warnings = [.. CliRun.Json(output).GetProperty("connection_warnings").EnumerateArray().Select(w => w.GetString()!)];
        }
        while (++attempts < 5 && await fixture.Database.ScalarAsync<int>($"SELECT rolconnlimit FROM pg_roles WHERE rolname = '{agent.Name}'") != -1);

        Assert.Contains(warnings, w => w.StartsWith($"login {agent.Name} ", StringComparison.Ordinal) && w.Contains("no connection limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadCommand_DatabaseWithoutSchema_SaysRunMigrateFirstAndCreatesNothing()
    {
        await using var empty = await fixture.Cluster.CreateDatabaseAsync(migrated: false);

        var (exit, output) = await CliRun.RunAsync(empty.ConnectionString, "status");

        Assert.Equal(8, exit);
        Assert.Contains("run `trading migrate` first", output, StringComparison.Ordinal);
        Assert.Equal(0L, await empty.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task ReadCommand_SchemaBehindTheBinary_NamesTheMissingMigrationsInsteadOfFailingOnAColumn()
    {
        await using var behind = await fixture.Cluster.CreateDatabaseAsync(migrated: false);
        var all = MigrationSource.Embedded;
        // The function files only: today's view files read columns of the last migration.
        var functions = MigrationSource.EmbeddedRepeatables.Where(r => !r.IsView).ToList();
        await new Migrator(behind.DataSource, NullLogger<Migrator>.Instance).MigrateAsync([.. all.Take(all.Count - 1)], functions, CancellationToken.None);

        var (exit, output) = await CliRun.RunAsync(behind.ConnectionString, "status");

        Assert.Equal(8, exit);
        Assert.Contains($"lacks migration(s) {all[^1].Name}: run `trading migrate` first", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decide")]
    [InlineData("cancel")]
    [InlineData("orders")]
    [InlineData("report")]
    [InlineData("gates")]
    [InlineData("accounts")]
    public async Task Help_EachCommand_DescribesItselfExitZero(string command)
    {
        var (exit, output) = await CliRun.RunAsync(Connection, command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    private async Task SeedAsync()
    {
        if (!await fixture.Database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = 'quant')"))
        {
            await fixture.Database.ExecuteAsync(CliSeed.Sql);
        }
    }
}
