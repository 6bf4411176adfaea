namespace Trading.Data.MarketData;

/// <summary>A running total reported to an <see cref="IProgress{T}"/> from concurrent batches.</summary>
internal sealed class ProgressCounter(IProgress<long> progress)
{
    private long total;

    public void Add(long rows) => progress.Report(Interlocked.Add(ref total, rows));
}
