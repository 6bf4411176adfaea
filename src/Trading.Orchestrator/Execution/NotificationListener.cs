using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Orchestrator.Execution;

/// <summary>
/// Holds a LISTEN connection on the decisions channel and wakes the workers on every notification. Reconnects with
/// backoff when the connection drops, and wakes the workers after each reconnect because notifications sent while it
/// was away are lost (the poll tick would find them too, later). A new quote also wakes the strategy runner.
/// </summary>
public sealed partial class NotificationListener(
    NpgsqlDataSource dataSource,
    WorkSignal signal,
    [FromKeyedServices(Strategies.StrategyRunner.SignalKey)] WorkSignal strategies,
    ILogger<NotificationListener> logger) : BackgroundService
{
    public const string DecisionsChannel = "trading_decisions";
    public const string QuotesChannel = "market_prices";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    signal.Set();
                    if (string.Equals(e.Channel, QuotesChannel, StringComparison.Ordinal))
                    {
                        strategies.Set();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {DecisionsChannel}; LISTEN {QuotesChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                failures = 0;
                signal.Set();
                strategies.Set();
                LogListening();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(15), stoppingToken))
                    {
                        // Quiet for a while: prove the connection is alive rather than wait forever on a dead socket.
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever broke the session (a cut connection surfaces as NpgsqlException, IOException or Npgsql's
                // "Connection is not open"), the listener reconnects: it must never take the host down.
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures, 6))));
                LogReconnecting(delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for decisions and quotes")]
    private partial void LogListening();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification connection lost; reconnecting in {DelayMs:F0} ms: {Error}")]
    private partial void LogReconnecting(double delayMs, string error);
}
