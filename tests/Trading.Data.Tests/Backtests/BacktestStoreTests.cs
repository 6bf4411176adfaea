using Npgsql;
using Trading.Data.Backtests;
using Trading.Engine.Execution;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;
using Trading.Testing;

namespace Trading.Data.Tests.Backtests;

/// <summary>A run is stored whole with the login that ran it; another agent does not see it, a reader granted '*' does.</summary>
public sealed class BacktestStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Strategy = """
        {"name": "sma_store", "symbols": ["BTC/USDT"], "timeframe": "1h",
         "indicators": [{"name": "sma", "params": {"period": 3}}],
         "entry_conditions": [{"indicator": "sma", "field": "value", "operator": "lt", "value": "close"}],
         "exit_conditions": [{"indicator": "sma", "field": "value", "operator": "gt", "value": "close"}],
         "direction": "long", "stop_loss_pct": 50, "sizing": {"confidence": 0.8}}
        """;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SaveAsync_AgentRun_StoredWithItsLoginAndVisibleOnlyToIt()
    {
        var (run, recording) = Backtest();
        Assert.NotEmpty(recording.Trades);
        await using var alice = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await using var bob = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await using var reader = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_reader");
        await using var aliceSource = NpgsqlDataSource.Create(alice.ConnectionString);

        var id = await BacktestStore.SaveAsync(aliceSource, run, recording, CancellationToken.None);

        var db = fixture.Database;
        Assert.Equal(alice.Name, await db.ScalarAsync<string>("SELECT ran_by FROM backtest_runs WHERE run_id = $1", id));
        Assert.Equal((long)recording.Fills.Count, await db.ScalarAsync<long>("SELECT count(*) FROM backtest_fills WHERE run_id = $1", id));
        Assert.Equal((long)recording.Trades.Count, await db.ScalarAsync<long>("SELECT count(*) FROM backtest_trades WHERE run_id = $1", id));
        Assert.Equal(recording.Trades.Sum(t => t.Trade.NetPnl), await db.ScalarAsync<decimal>("SELECT sum(net_pnl) FROM backtest_trades WHERE run_id = $1", id));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM backtest_equity WHERE run_id = $1", id) > 10);
        Assert.Equal(recording.Fills[0].SignalKey,
            await db.ScalarAsync<string>("SELECT signal_key FROM backtest_fills WHERE run_id = $1 AND fill_id = 1", id));

        Assert.Equal(1L, await CountAsync(alice, id));
        Assert.Equal(0L, await CountAsync(bob, id));
        Assert.Equal(0L, await CountAsync(reader, id));
        await db.ExecuteAsync($"SELECT grant_account('{reader.Name}', '*', false, true)");
        Assert.Equal(1L, await CountAsync(reader, id));
    }

    [Fact]
    public async Task Insert_AnotherLoginsName_StampedWithTheRealLogin()
    {
        await using var alice = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await using var connection = await alice.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO backtest_runs (name, config, checksum, data_source, symbols, from_time, to_time, warmup_from, account_settings,
                                       initial_capital, latency, random_seed, duration, events, bars, warm_up_bars, lead_in_bars,
                                       signals, decisions, fills, trades, final_cash, final_equity, net_pnl, realized_pnl, total_fees,
                                       open_positions, ran_by)
            VALUES ('x', '{}', repeat('a', 64), 'market_prices', '{BTC/USDT}', now() - interval '1 day', now(), now() - interval '1 day',
                    '{}', 1, '0', 0, '1 s', 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 'postgres')
            RETURNING ran_by
            """, connection);

        Assert.Equal(alice.Name, await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("strategy_signal_key('session:12:BTC/USDT:2026-01-06T08:00:00Z')", "BTC/USDT:2026-01-06T08:00:00Z")]
    [InlineData("strategy_signal_key('session:12:stop:BTC/USDT')", null)]
    [InlineData("strategy_signal_key('my-own-key')", null)]
    public async Task StrategySignalKey_SessionKeys_TheBarSignal(string expression, string? expected)
    {
        Assert.Equal(expected, await fixture.Database.ScalarAsync<string?>($"SELECT {expression}"));
        Assert.Equal("BTC/USDT:2026-01-06T08:00:00Z", SignalKeys.For("BTC/USDT", new DateTimeOffset(2026, 1, 6, 8, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>The runs the login sees with this id; the run's fills must be seen exactly when the run is.</summary>
    private static async Task<long> CountAsync(TestLogin login, long run)
    {
        await using var connection = await login.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM backtest_runs WHERE run_id = $1), (SELECT count(*) FROM backtest_fills WHERE run_id = $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = run });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (runs, fills) = (reader.GetInt64(0), reader.GetInt64(1));
        Assert.Equal(runs == 0, fills == 0);
        return runs;
    }

    private static (BacktestRun Run, BacktestRecording Recording) Backtest()
    {
        var config = StrategyConfigParser.Parse(Strategy).Config ?? throw new InvalidOperationException("bad test strategy");
        var account = new AccountConfig
        {
            AccountId = "backtest",
            Currency = new Currency("USDT"),
            InitialCapital = 10_000m,
            FeeModel = new RateFeeModel(0.001m, 1m),
            SlippageModel = new NoSlippage(),
            FillModel = new MarketFillModel(),
        };
        var settings = new BacktestSettings(account,
            new Dictionary<string, InstrumentSpec>(StringComparer.Ordinal) { ["BTC/USDT"] = new("BTC/USDT", 0.01m, 0.00001m, 10m) },
            TimeSpan.FromMilliseconds(1), Start);
        var quotes = Enumerable.Range(0, 60 * 48).Select(minute =>
        {
            var price = 100m + (10m * (decimal)Math.Sin(minute / 200.0));
            price = Math.Round(price, 2);
            return new MarketEvent(new Quote("BTC/USDT", Start.AddMinutes(minute), price - 0.01m, price + 0.01m, price), 1m);
        });
        var recording = new BacktestRecording();
        var summary = new BacktestRunner(settings, StrategyEvaluator.Create(config), recording).Run(quotes);
        var run = new BacktestRun(config.Name, Strategy, config.Checksum, "market_prices", null, null, config.Symbols, Start, Start.AddDays(2), Start,
            "{}", settings.Latency, 0, TimeSpan.FromSeconds(1), summary);
        return (run, recording);
    }
}
