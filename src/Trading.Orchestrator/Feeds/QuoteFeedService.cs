using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trading.Data.MarketData;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Runs a feed inside the orchestrator host (e.g. the simulated feed when configuration asks for one) until the host
/// stops. A feed that fails is logged and ends this service only; decisions keep executing on whatever quotes exist.
/// </summary>
public sealed partial class QuoteFeedService(IQuoteFeed feed, QuoteIngestor ingestor, ILogger<QuoteFeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await feed.RunAsync(ingestor, stoppingToken);
            LogFeedEnded(feed.GetType().Name, result.Written, result.Duplicates);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or QuoteFileException or IOException)
        {
            LogFeedFailed(e, feed.GetType().Name);
        }
        finally
        {
            await ingestor.FlushNotificationsAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Feed} ended: {Written} quotes written, {Duplicates} duplicates skipped")]
    private partial void LogFeedEnded(string feed, long written, long duplicates);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Feed} failed; no more quotes from it until restart")]
    private partial void LogFeedFailed(Exception exception, string feed);
}
