using Trading.Data.Execution;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>`trading accounts reset`: an account that traded through the real path, reset by the CLI, then trading again.</summary>
public sealed class ResetCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Connection => fixture.Database.ConnectionString;

    [Fact]
    public async Task AccountsReset_TradedAccount_ClosesTheEpochInPlaceAndPrintsTheCapital()
    {
        // The long round trip of ScenarioTests: BUY 10 at 100.12 (fee 1.0012), SELL at 109.88 (fee 1.0988): net 95.5.
        var (desk, symbol) = await DeskAsync("cli-reset", "slippage_model='fixed', slippage_rate=0.001");
        await desk.QuoteAsync(symbol, 99.99m, 100.01m);
        await desk.DecideAsync("cli-reset", symbol, "BUY", 10);
        await desk.ExecuteAllAsync();
        await desk.QuoteAsync(symbol, 109.99m, 110.01m);
        await desk.DecideAsync("cli-reset", symbol, "SELL");
        await desk.ExecuteAllAsync();
        await SnapshotStore.WriteAsync(fixture.Database.DataSource, TimeSpan.FromSeconds(10), desk.Now, CancellationToken.None);
        Assert.Equal(10095.5m, await desk.CashAsync("cli-reset"));

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "reset", "cli-reset", "--capital", "5000", "--reason", "second try");

        Assert.True(exit == 0, output);
        Assert.Contains("Reset cli-reset: epoch 1 is closed (capital 10000 + net deposits 0, final equity 10095.5 USDT, " +
                        "net P&L 95.5, 1 closed trade).", output, StringComparison.Ordinal);
        Assert.Contains("Epoch 2 starts with capital 5000 USDT (changed from 10000); cash 5000.", output, StringComparison.Ordinal);
        Assert.Equal((2L, 1L, 1L), (await CountAsync("trading_decisions", "cli-reset"), await CountAsync("paper_trades", "cli-reset"),
            await CountAsync("paper_portfolio_snapshots", "cli-reset")));
        Assert.Equal("second try", await fixture.Database.ScalarAsync<string>("SELECT reason FROM paper_account_epochs WHERE account = 'cli-reset' AND epoch = 1"));

        // The new epoch trades on its own book: 5000 - 1001.2 - 1.0012.
        await desk.QuoteAsync(symbol, 99.99m, 100.01m);
        await desk.DecideAsync("cli-reset", symbol, "BUY", 10);
        await desk.ExecuteAllAsync();
        Assert.Equal(3997.7988m, await desk.CashAsync("cli-reset"));
        Assert.Equal(2, await fixture.Database.ScalarAsync<int>("SELECT epoch FROM paper_fills WHERE account = 'cli-reset' ORDER BY fill_id DESC LIMIT 1"));
        Assert.Empty(await fixture.Database.QueryAsync("SELECT * FROM invariants() WHERE account LIKE 'cli-reset%'"));

        // The closed epoch's trade is history: `trades --epoch 1` lists it, the current epoch has none yet.
        var current = await CliRun.RunAsync(Connection, "trades", "-a", "cli-reset", "--json");
        var closed = await CliRun.RunAsync(Connection, "trades", "-a", "cli-reset", "--epoch", "1", "--json");
        Assert.Equal((0, 0), (current.ExitCode, closed.ExitCode));
        Assert.Equal(0, CliRun.Json(current.Output).GetArrayLength());
        Assert.Equal(95.5m, CliRun.Json(closed.Output).EnumerateArray().Single().GetProperty("net_pnl").GetDecimal());
    }

    [Fact]
    public async Task AccountsReset_Json_TheNewEpochAndTheArchivedOne()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account, initial_capital, cash) VALUES ('cli-json', 2000, 2000)");

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "reset", "cli-json", "--json");

        Assert.True(exit == 0, output);
        var json = CliRun.Json(output);
        Assert.Equal(("cli-json", 2, 2000m, 2000m, false), (json.GetProperty("account").GetString(), json.GetProperty("epoch").GetInt32(),
            json.GetProperty("initial_capital").GetDecimal(), json.GetProperty("cash").GetDecimal(), json.GetProperty("halted").GetBoolean()));
        Assert.Equal((null, 1, 2000m, 0m), (json.GetProperty("archived_as").GetString(), json.GetProperty("archived_epoch").GetInt32(),
            json.GetProperty("archived_final_equity").GetDecimal(), json.GetProperty("archived_net_pnl").GetDecimal()));
    }

    [Fact]
    public async Task AccountsReset_OpenPosition_RefusedExit10SayingFlattenFirst()
    {
        var (desk, symbol) = await DeskAsync("cli-open", "slippage_model='none'");
        await desk.QuoteAsync(symbol, 99.99m, 100.01m);
        await desk.DecideAsync("cli-open", symbol, "BUY", 1);
        await desk.ExecuteAllAsync();

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "reset", "cli-open");

        Assert.Equal(10, exit);
        Assert.Contains($"accounts reset: account cli-open has 1 open position(s) ({symbol}): a reset needs a flat account. " +
                        "Flatten it first: `trading kill-switch --account cli-open`", output, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>("SELECT epoch FROM accounts WHERE account = 'cli-open'"));
    }

    [Fact]
    public async Task AccountsReset_HaltedAccount_NewEpochStaysHaltedAndSaysHowToResume()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('cli-halt'); SELECT kill_switch('cli-halt', 'runaway agent')");

        var (exit, output) = await CliRun.RunAsync(Connection, "accounts", "reset", "cli-halt");

        Assert.True(exit == 0, output);
        Assert.Contains("Epoch 2 starts with capital 10000 USDT (the initial capital of epoch 1); cash 10000.", output, StringComparison.Ordinal);
        Assert.Contains("still halted (runaway agent): `trading resume --account cli-halt` lets it trade.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "unknown account 'nobody'", "accounts", "reset", "nobody")]
    [InlineData(2, "--capital must be positive, got -1", "accounts", "reset", "default", "--capital", "-1")]
    [InlineData(2, "constraint accounts_initial_capital_positive", "accounts", "reset", "default", "--capital", "100000000000000000000")]
    public async Task AccountsReset_BadArguments_ClearMessageAndExitCode(int expectedExit, string message, params string[] arguments)
    {
        var (exit, output) = await CliRun.RunAsync(Connection, arguments);

        Assert.Equal(expectedExit, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>("SELECT epoch FROM accounts WHERE account = 'default'"));
    }

    [Fact]
    public async Task AccountsList_AfterReset_ShowsTheNewEpochAndNoOtherAccount()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('cli-listed'); SELECT reset_account('cli-listed')");

        var live = await CliRun.RunAsync(Connection, "accounts", "list", "--json");

        var liveRows = CliRun.Json(live.Output).EnumerateArray().ToDictionary(r => r.GetProperty("account").GetString()!);
        Assert.Equal(0, live.ExitCode);
        Assert.Equal(2, liveRows["cli-listed"].GetProperty("epoch").GetInt32());
        Assert.DoesNotContain(liveRows.Keys, k => k.StartsWith("cli-listed.", StringComparison.Ordinal));
    }

    private async Task<(Desk Desk, string Symbol)> DeskAsync(string account, string settings)
    {
        var desk = new Desk(fixture.Database);
        var symbol = $"{new string(account.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}/USDT";
        await desk.InstrumentAsync(symbol);
        await desk.CreateAccountAsync(account, settings);
        return (desk, symbol);
    }

    private Task<long> CountAsync(string table, string account) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE account = $1 AND epoch = 1", account);
}
