using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Migrations;
using Trading.Data.Tests.Accounts;
using Trading.Testing;

namespace Trading.Data.Tests.Legacy;

/// <summary>
/// Migration 0026 (epochs as a column) on a database at 0022 with history: a traded account, one reset once (its epoch 1
/// in the archive resetter.e1, a deposit in epoch 2), and an archive whose live account was deleted since. Every row is
/// kept, the archive's rows come back under the account with epoch 1, the accounting holds, the views answer.
/// </summary>
public sealed class EpochColumnMigrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string[] HistoryTables =
    [
        "paper_account_stats", "paper_cancel_requests", "paper_daily_equity", "paper_fills", "paper_ledger",
        "paper_orders", "paper_portfolio_snapshots", "paper_trades", "strategy_sessions", "trading_decisions",
    ];

    // v_paper_account_epochs as it was, less history_account (the archive's name, gone with the archives).
    private const string EpochsSql = """
        SELECT account, epoch, is_current, base_currency, started_at, ended_at, initial_capital, net_deposits, final_equity,
               net_pnl, net_pnl_pct, total_trades, reason
        FROM v_paper_account_epochs ORDER BY account, epoch
        """;

    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await fixture.Cluster.CreateDatabaseAsync(migrated: false);
        await LegacySchema.MigrateBeforeAsync(database, "0026_epoch_column.sql");
        await TradedAccount.CreateAsync(database, "keeper");
        await TradedAccount.CreateAsync(database, "resetter");
        await database.ExecuteAsync("""
            SELECT reset_account('resetter', 2500, 'second try');
            SELECT deposit('resetter', 100);
            INSERT INTO accounts (account, initial_capital, cash) VALUES ('lonely', 700, 700);
            SELECT deposit('lonely', 50);
            SELECT reset_account('lonely');
            DELETE FROM accounts WHERE account = 'lonely';
            """);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Migrate_From0022WithAnArchive_EveryRowKeptUnderItsAccountWithItsEpoch()
    {
        Assert.Equal(["lonely.e1", "resetter.e1"], (await database.QueryAsync("SELECT account FROM accounts WHERE archived_of IS NOT NULL ORDER BY 1"))
            .Select(r => (string)r["account"]!));
        var totals = await CountsAsync("true");
        var archived = await CountsAsync("account = 'resetter.e1'");
        var current = await CountsAsync("account = 'resetter'");
        var epochs = await RowsAsync(EpochsSql);

        var result = await new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);

        // 0026 and whatever came after it.
        Assert.Equal(MigrationSource.Embedded.SkipWhile(m => m.Name != "0026_epoch_column.sql").Select(m => m.Name), result.Applied);
        Assert.Equal(totals, await CountsAsync("true"));
        Assert.Equal(archived, await CountsAsync("account = 'resetter' AND epoch = 1"));
        Assert.Equal(current, await CountsAsync("account = 'resetter' AND epoch = 2"));
        Assert.Equal(["keeper", "lonely", "resetter"], (await database.QueryAsync("SELECT account FROM accounts WHERE account IN ('keeper', 'lonely', 'resetter') OR account LIKE '%.e_' ORDER BY 1"))
            .Select(r => (string)r["account"]!));
        Assert.Empty(await database.InvariantViolationsAsync());
        Assert.Equal(epochs.Where(e => !e.StartsWith("(lonely,", StringComparison.Ordinal)),
            (await RowsAsync(EpochsSql)).Where(e => !e.StartsWith("(lonely,", StringComparison.Ordinal)));
        foreach (var view in MigrationSource.EmbeddedRepeatables.SelectMany(r => r.Views))
        {
            Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM {view}") >= 0, view);
        }
    }

    [Fact]
    public async Task Migrate_From0022_ViewsShowTheCurrentEpochAndTheHistoryTheArchivedOne()
    {
        await new Migrator(database.DataSource, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Equal((2, 2600m), (await database.ScalarAsync<int>("SELECT epoch FROM v_paper_portfolio_overview WHERE account = 'resetter'"),
            await database.ScalarAsync<decimal>("SELECT total_value FROM v_paper_portfolio_overview WHERE account = 'resetter'")));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM v_paper_recent_trades WHERE account = 'resetter'"));
        Assert.Equal(TradedAccount.NetPnl, await database.ScalarAsync<decimal>("SELECT net_pnl FROM v_paper_trade_history WHERE account = 'resetter' AND epoch = 1"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT total_trades FROM v_paper_performance_metrics WHERE account = 'keeper'"));
        // The orphaned archive's account is back, halted, in the epoch after the archived one; its epoch 1 keeps the deposit.
        var lonely = (await database.QueryAsync("SELECT epoch, halted, cash FROM accounts WHERE account = 'lonely'")).Single();
        Assert.Equal((2, true, 700m), ((int)lonely["epoch"]!, (bool)lonely["halted"]!, (decimal)lonely["cash"]!));
        Assert.Equal(50m, await database.ScalarAsync<decimal>("SELECT sum(amount) FROM paper_ledger WHERE account = 'lonely' AND epoch = 1"));
    }

    private async Task<Dictionary<string, long>> CountsAsync(string where)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in HistoryTables)
        {
            counts[table] = await database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}");
        }

        return counts;
    }

    private async Task<List<string>> RowsAsync(string sql) =>
        (await database.QueryAsync($"SELECT r::text AS line FROM ({sql}) r")).Select(r => (string)r["line"]!).ToList();
}
