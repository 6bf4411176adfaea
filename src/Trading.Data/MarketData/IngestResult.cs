namespace Trading.Data.MarketData;

/// <summary>What a write did: rows offered, rows stored, duplicates skipped (in the input or already stored), transactions.</summary>
public readonly record struct IngestResult(long Received, long Written, int Batches)
{
    public long Duplicates => Received - Written;

    public static IngestResult operator +(IngestResult left, IngestResult right) =>
        new(left.Received + right.Received, left.Written + right.Written, left.Batches + right.Batches);

    public static IngestResult Add(IngestResult left, IngestResult right) => left + right;
}
