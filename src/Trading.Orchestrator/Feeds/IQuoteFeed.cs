using Trading.Data.MarketData;

namespace Trading.Orchestrator.Feeds;

/// <summary>A source of quotes that writes through the ingestion path until it is done or cancelled.</summary>
public interface IQuoteFeed
{
    /// <summary>Runs the feed. Cancellation is a normal stop: what was written stays written.</summary>
    Task<IngestResult> RunAsync(QuoteIngestor sink, CancellationToken cancellationToken);

    /// <summary>What the feed's rows are, for the summary line ("wrote 1,000 quotes").</summary>
    string Unit => "quotes";
}
