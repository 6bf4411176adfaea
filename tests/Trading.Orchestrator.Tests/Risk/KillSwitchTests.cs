using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Risk;

/// <summary>The kill switch under load, resume, and cash moved in and out through the ledger.</summary>
public sealed class KillSwitchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task KillSwitch_WhileDecisionsKeepArriving_AccountEndsFlatHaltedEveryDecisionExplained()
    {
        const string prefix = "kswitch";
        await Workload.SetUpAsync(fixture.Database, prefix, accounts: 1, symbols: 3);
        using var process = TradingProcess.Start(fixture.Database.ConnectionString, null, "run");
        await process.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
        using var stop = new CancellationTokenSource();
        var agent = Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                await Workload.QuoteAsync(fixture.Database, prefix, 3, round);
                // Market orders, bracketed entries (percent exits) and resting limits far below the market.
                await fixture.Database.ExecuteAsync($"""
                    INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, order_type, limit_price, stop_loss,
                                                   take_profit, exit_unit)
                    SELECT '{prefix}000', '{prefix.ToUpperInvariant()}' || (g % 3) || '/USDT', CASE WHEN g % 3 = 0 THEN 'SELL' ELSE 'BUY' END, 0.9, 1,
                           CASE WHEN g % 5 = 0 THEN 'limit' ELSE 'market' END, CASE WHEN g % 5 = 0 THEN (100 + (g % 3) * 10) * 0.8 END,
                           CASE WHEN g % 2 = 0 THEN 3 END, CASE WHEN g % 2 = 0 THEN 3 END, 'percent'
                    FROM generate_series(1, 10) g
                    """);
                await Task.Delay(30);
            }
        });
        await Task.Delay(1500);
        Assert.True(await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM paper_positions WHERE account = '{prefix}000'") > 0);
        Assert.True(await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM v_paper_open_orders WHERE account = '{prefix}000'") > 0);

        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "kill-switch", "--account", $"{prefix}000", "--reason", "operator: runaway agent");
        await Task.Delay(1000);
        await stop.CancelAsync();
        await agent;
        await Workload.WaitUntilNothingPendingAsync(fixture.Database, prefix, TimeSpan.FromMinutes(1), process);
        Assert.Equal(0, await process.StopAsync());

        Assert.True(exit == 0, output);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM paper_positions WHERE account = '{prefix}000'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM v_paper_open_orders WHERE account = '{prefix}000'"));
        Assert.True(await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM paper_orders WHERE account = '{prefix}000' AND status = 'canceled' AND reason = 'kill switch: operator: runaway agent'") > 0);
        var account = (await fixture.Database.QueryAsync($"SELECT halted, halt_reason FROM accounts WHERE account = '{prefix}000'")).Single();
        Assert.Equal(true, account["halted"]);
        Assert.Equal("operator: runaway agent", account["halt_reason"]);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM trading_decisions WHERE account = '{prefix}000' AND (status = 'pending' OR status_reason IS NULL)"));
        Assert.True(await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM trading_decisions WHERE account = '{prefix}000' AND status = 'rejected' AND status_reason = 'account halted: operator: runaway agent'") > 0);
        Assert.True(await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM trading_decisions WHERE account = '{prefix}000' AND agent = 'kill-switch' AND status = 'executed'") > 0);
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());

        var resumed = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "resume", "--account", $"{prefix}000");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(false, (await fixture.Database.QueryAsync($"SELECT halted FROM accounts WHERE account = '{prefix}000'")).Single()["halted"]);
    }

    [Fact]
    public async Task KillSwitch_AlreadyHalted_SaysSoInsteadOfHalted()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account, halted, halt_reason) VALUES ('halted-twice', true, 'first stop')");

        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "kill-switch", "--account", "halted-twice");
        var json = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "kill-switch", "--account", "halted-twice", "--json");

        Assert.True(exit == 0, output);
        Assert.Contains("already halted", output, StringComparison.Ordinal);
        Assert.Contains("first stop", output, StringComparison.Ordinal);
        Assert.Contains("\"was_halted\": true", json.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_RunningAccount_SaysNothingToResume()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('never-halted')");

        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "resume", "--account", "never-halted");

        Assert.True(exit == 0, output);
        Assert.Contains("not halted", output, StringComparison.Ordinal);
        Assert.DoesNotContain("resumed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillSwitch_NoAccount_HelpMarksItRequiredAndExit2()
    {
        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "kill-switch");
        var help = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "kill-switch", "--help");

        Assert.Equal(2, exit);
        Assert.Contains("--account", output, StringComparison.Ordinal);
        Assert.Contains("(REQUIRED)", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillSwitch_UnknownAccount_NotFoundExitCode()
    {
        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "kill-switch", "--account", "nobody");

        Assert.Equal(5, exit);
        Assert.Contains("nobody", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DepositAndWithdraw_ThroughTheCli_LedgerEntriesAndInvariantsHold()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account) VALUES ('funded')");

        var deposit = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "accounts", "deposit", "funded", "2500.5", "--json");
        var withdraw = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "accounts", "withdraw", "funded", "500", "--note", "fees for the data vendor");
        var overdraw = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "accounts", "withdraw", "funded", "1000000");
        var negative = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "accounts", "deposit", "funded", "-5");

        Assert.True(deposit.ExitCode == 0, deposit.Output);
        Assert.Contains("\"cash\": 12500.5", deposit.Output, StringComparison.Ordinal);
        Assert.True(withdraw.ExitCode == 0, withdraw.Output);
        Assert.Equal(10, overdraw.ExitCode);
        Assert.Contains("exceeds the cash", overdraw.Output, StringComparison.Ordinal);
        Assert.Equal(2, negative.ExitCode);
        Assert.Equal(12000.5m, await fixture.Database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = 'funded'"));
        Assert.Equal([2500.5m, -500m], (await fixture.Database.QueryAsync("SELECT amount FROM paper_ledger WHERE account = 'funded' ORDER BY entry_id")).Select(r => (decimal)r["amount"]!));
        var overview = (await fixture.Database.QueryAsync("SELECT net_deposits, total_pnl FROM v_paper_portfolio_overview WHERE account = 'funded'")).Single();
        Assert.Equal(2000.5m, (decimal)overview["net_deposits"]!);
        Assert.Equal(0m, (decimal)overview["total_pnl"]!);
        Assert.Empty(await fixture.Database.InvariantViolationsAsync());
    }
}
