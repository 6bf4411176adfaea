namespace Trading.Data.MarketData;

/// <summary>How the ingestor keeps a (symbol, time) that is already stored from failing the load or being written twice.</summary>
public enum DuplicateHandling
{
    /// <summary>
    /// Binary COPY straight into market_prices; a batch that hits a stored key is rolled back and redone through the
    /// staging table, and the next batches use staging for a while (a re-loaded range tends to continue). The default:
    /// new data loads at close to raw COPY speed and duplicates still never fail the load.
    /// </summary>
    Optimistic,

    /// <summary>COPY into a temporary staging table, then INSERT ... SELECT ... ON CONFLICT DO NOTHING: always safe, slower.</summary>
    Staging,

    /// <summary>Plain COPY: the caller guarantees new keys; a duplicate fails the batch with a unique violation.</summary>
    AssumeUnique,
}
