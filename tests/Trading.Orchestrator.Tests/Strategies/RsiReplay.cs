using System.Globalization;
using System.Text;
using Trading.Orchestrator.Tests.Cli;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Strategies;

/// <summary>
/// A 4h kline file of BTC/USDT whose RSI(14) path is known by hand, and seed 004's `rsi_bounce_paper` strategy verbatim.
/// Closes move by exactly 1 each bar, so Wilder's average gain G and average loss L always sum to 1 after the first
/// 14 changes and RSI = 100·G:
/// <list type="bullet">
/// <item>bars 0–14 rise from 100 to 114: G = 1, RSI 100 (first defined at bar 14);</item>
/// <item>bars 15–31 fall to 97: after k falls G = (13/14)^k, so RSI 30.55 at k = 16 (bar 30) and 28.37 at k = 17
///   (bar 31): the only bar where "rsi lt 30" holds while flat: BUY;</item>
/// <item>bars 32–45 rise to 111: G = 1 − 0.7163·(13/14)^m, RSI 68.32 at m = 11 (bar 42) and 70.56 at m = 12 (bar 43):
///   CLOSE. The entry fills at bar 32's close (98, the first quote after bar 31 closed); its 5 % stop (93.1) and 15 %
///   target (112.7) are never reached.</item>
/// </list>
/// </summary>
internal static class RsiReplay
{
    public const string Strategy = """
        {
          "name": "rsi_bounce_paper",
          "symbols": ["BTC/USDT"],
          "timeframe": "4h",
          "indicators": [
            {"name": "rsi", "params": {"period": 14}}
          ],
          "entry_conditions": [
            {"indicator": "rsi", "field": "value", "operator": "lt", "value": 30}
          ],
          "exit_conditions": [
            {"indicator": "rsi", "field": "value", "operator": "gt", "value": 70}
          ],
          "direction": "long",
          "stop_loss_pct": 5,
          "take_profit_pct": 15
        }
        """;

    public const int Bars = 46;
    public const int EntryBar = 31;
    public const int ExitBar = 43;

    public static decimal Close(int bar) => bar switch
    {
        <= 14 => 100 + bar,
        <= 31 => 114 - (bar - 14),
        _ => 97 + (bar - 31),
    };

    /// <summary>The open of bar 0: 4h-aligned, far enough back that every bar has closed.</summary>
    public static DateTimeOffset FirstOpen(DateTimeOffset now)
    {
        var aligned = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(now.UtcDateTime.Hour / 4 * 4);
        return aligned.AddHours(-4 * (Bars + 2));
    }

    public static DateTimeOffset OpenOf(DateTimeOffset first, int bar) => first.AddHours(4 * bar);

    public static string KlineFile(DateTimeOffset first)
    {
        var text = new StringBuilder();
        for (var bar = 0; bar < Bars; bar++)
        {
            var open = OpenOf(first, bar).ToUnixTimeMilliseconds();
            var close = Close(bar).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{open},{close},{close},{close},{close},10,{open + (4 * 3_600_000) - 1}\n");
        }

        return text.ToString();
    }

    /// <summary>Loads the klines as BTC/USDT quotes and starts the strategy as a replay session on the account.</summary>
    public static async Task<(long Session, DateTimeOffset First)> StartAsync(TestDatabase db, string folder, string account)
    {
        var first = FirstOpen(DateTimeOffset.UtcNow);
        var klines = Path.Combine(folder, "btc-4h.csv");
        var config = Path.Combine(folder, "rsi_bounce.json");
        await File.WriteAllTextAsync(klines, KlineFile(first));
        await File.WriteAllTextAsync(config, Strategy);
        await db.ExecuteAsync("DELETE FROM market_prices WHERE symbol = 'BTC/USDT'");

        var (loaded, output) = await CliRun.RunAsync(db.ConnectionString, "feed", "replay", klines, "--format", "kline", "--symbol", "BTC/USDT");
        Assert.True(loaded == 0, output);
        var (started, json) = await CliRun.RunAsync(db.ConnectionString, "strategy", "start", config, "--account", account, "--mode", "replay",
            "--from", first.ToString("O", CultureInfo.InvariantCulture), "--json");
        Assert.True(started == 0, json);
        var session = CliRun.Json(json).GetProperty("session_id").GetInt64();
        Assert.Equal(account, CliRun.Json(json).GetProperty("account").GetString());
        return (session, first);
    }

    /// <summary>`trading run` acting on up to <paramref name="maxBarsPerPoll"/> bars a look, once it listens.</summary>
    public static async Task<TradingProcess> RunAsync(TestDatabase db, int maxBarsPerPoll)
    {
        var process = TradingProcess.Start(db.ConnectionString, new Dictionary<string, string>
        {
            ["Orchestrator__MigrateOnStart"] = "false",
            ["Strategies__PollInterval"] = "00:00:00.100",
            ["Strategies__MaxBarsPerPoll"] = maxBarsPerPoll.ToString(CultureInfo.InvariantCulture),
        }, "run");
        await process.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
        return process;
    }

    /// <summary>Runs the whole replay to its two executed decisions, then stops `trading run`.</summary>
    public static async Task RunToEndAsync(TestDatabase db, long session)
    {
        using var process = await RunAsync(db, maxBarsPerPoll: 1000);
        await process.WaitForAsync(db, $"SELECT bars_acted = {Bars} AND decisions = 2 FROM v_strategy_sessions WHERE session_id = {session}");
        await process.WaitForAsync(db, $"SELECT NOT EXISTS (SELECT 1 FROM trading_decisions WHERE strategy_session_id = {session} AND status = 'pending')");
        Assert.Equal(0, await process.StopAsync());
    }
}
