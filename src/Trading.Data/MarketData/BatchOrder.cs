namespace Trading.Data.MarketData;

/// <summary>
/// Puts a batch in key order (symbol, time) and drops repeated keys, keeping the first occurrence. Key order makes
/// concurrent COPYs wait on each other's index entries in one direction only (no deadlock) and keeps index inserts local.
/// </summary>
internal static class BatchOrder
{
    public static QuoteRow[] Sorted(IReadOnlyList<QuoteRow> batch, bool removeRepeats)
    {
        var keys = new Key[batch.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var quote = batch[i].Quote;
            keys[i] = new Key(quote.Symbol, QuoteCopy.Microseconds(quote.Time), i);
        }

        Array.Sort(keys);
        var rows = new List<QuoteRow>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            // The index breaks ties, so the first of equal keys comes first and is the one kept.
            if (removeRepeats && i > 0 && keys[i].SameKey(keys[i - 1]))
            {
                continue;
            }

            rows.Add(batch[keys[i].Index]);
        }

        return [.. rows];
    }

    private readonly record struct Key(string Symbol, long Micros, int Index) : IComparable<Key>
    {
        public bool SameKey(Key other) => Micros == other.Micros && string.Equals(Symbol, other.Symbol, StringComparison.Ordinal);

        public int CompareTo(Key other)
        {
            var bySymbol = string.CompareOrdinal(Symbol, other.Symbol);
            if (bySymbol != 0)
            {
                return bySymbol;
            }

            var byTime = Micros.CompareTo(other.Micros);
            return byTime != 0 ? byTime : Index.CompareTo(other.Index);
        }
    }
}
