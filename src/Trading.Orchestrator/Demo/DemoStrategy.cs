using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.MarketData;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Demo;

/// <summary>
/// The demo's strategy session, beside the random agent: an RSI mean reversion on 1-minute bars that trades for a reason
/// its decisions state. So that the first minute already shows it at work, the demo backfills the last hour of simulated
/// prices and starts the session as a replay of that hour: it trades through it at once, then goes on with the live bars.
/// </summary>
public static class DemoStrategy
{
    public const string Config = """
        {
          "name": "demo_rsi_reversion",
          "description": "Buys a short-term dip (RSI 7 below 30 on 1-minute bars), sells the bounce (RSI above 55), 1.5 % stop, 2 % target, at most 15 bars.",
          "symbols": ["BTC/USDT", "ETH/USDT"],
          "timeframe": "1m",
          "indicators": [{"name": "rsi", "params": {"period": 7}}],
          "entry_conditions": [{"indicator": "rsi", "field": "value", "operator": "lt", "value": 30}],
          "exit_conditions": [{"indicator": "rsi", "field": "value", "operator": "gt", "value": 55}],
          "direction": "long",
          "stop_loss_pct": 1.5,
          "take_profit_pct": 2,
          "max_bars_in_trade": 15,
          "sizing": {"confidence": 0.8}
        }
        """;

    /// <summary>The session's account: the demo account's name with a suffix, so the two stay apart.</summary>
    public static string AccountFor(string demoAccount) => demoAccount + "-strategy";

    /// <summary>Starts the session unless one runs on its account already; returns its id.</summary>
    public static async Task<long> StartAsync(NpgsqlDataSource dataSource, string demoAccount, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(time);
        var account = AccountFor(demoAccount);
        await using (var running = dataSource.CreateCommand("SELECT session_id FROM strategy_sessions WHERE account = $1 AND status = 'running'"))
        {
            running.Parameters.Add(new NpgsqlParameter { Value = account });
            if (await running.ExecuteScalarAsync(cancellationToken) is long id)
            {
                return id;
            }
        }

        var now = time.GetUtcNow();
        await BackfillAsync(dataSource, now.AddMinutes(-65), now.AddSeconds(-2), time, loggers, cancellationToken);
        await using var start = dataSource.CreateCommand("SELECT start_strategy($1::jsonb, $2, NULL, 'replay', $3)");
        start.Parameters.Add(new NpgsqlParameter { Value = Config });
        start.Parameters.Add(new NpgsqlParameter { Value = account });
        start.Parameters.Add(new NpgsqlParameter { Value = now.AddMinutes(-60) });
        return (long)(await start.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Simulated quotes for the hour before the demo, unless that hour has prices already (a resumed demo).</summary>
    private static async Task BackfillAsync(
        NpgsqlDataSource dataSource, DateTimeOffset from, DateTimeOffset to, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await using (var have = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM market_prices WHERE symbol = 'BTC/USDT' AND time BETWEEN $1 AND $1 + interval '1 minute')"))
        {
            have.Parameters.Add(new NpgsqlParameter { Value = from });
            if (await have.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }

        var options = new SimulatedFeedOptions { From = from, To = to, Interval = TimeSpan.FromSeconds(1), Seed = 11 };
        await using var ingestor = new QuoteIngestor(dataSource, new QuoteIngestorOptions { Source = "demo-history" }, time, loggers.CreateLogger<QuoteIngestor>());
        await new SimulatedFeed(options, time, loggers.CreateLogger<SimulatedFeed>()).RunAsync(ingestor, cancellationToken);
    }
}
