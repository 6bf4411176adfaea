using Npgsql;
using Trading.Engine.MarketData;
using Trading.Strategies.Backtesting;

namespace Trading.Data.Backtests;

/// <summary>
/// The stored quotes of some symbols in [from, to), in time order (symbols in ordinal order on a tie), read in keyset
/// pages per symbol (one index range scan of market_prices' (symbol, time) key each) and merged: memory holds one page
/// per symbol, whatever the length of the history. Enumerable again (each enumeration reads afresh).
/// </summary>
public sealed class StoredQuotes(NpgsqlDataSource dataSource, IReadOnlyList<string> symbols, DateTimeOffset from, DateTimeOffset to, int pageSize = 20_000)
    : IEnumerable<MarketEvent>
{
    private const string PageSql = """
        SELECT time, bid, ask, last, bid_size, ask_size, volume
        FROM market_prices
        WHERE symbol = $1 AND time > $2 AND time < $3
        ORDER BY time
        LIMIT $4
        """;

    public IEnumerator<MarketEvent> GetEnumerator()
    {
        var cursors = symbols.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(s => new SymbolCursor(dataSource, s, from, to, pageSize)).ToList();
        while (true)
        {
            SymbolCursor? next = null;
            foreach (var cursor in cursors)
            {
                // Ordinal symbol order on a time tie: the cursors are in that order and only a strictly earlier time wins.
                if (cursor.Current is { } candidate && (next is null || candidate.Quote.Time < next.Current!.Value.Quote.Time))
                {
                    next = cursor;
                }
            }

            if (next is null)
            {
                yield break;
            }

            yield return next.Current!.Value;
            next.Advance();
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class SymbolCursor
    {
        private readonly NpgsqlDataSource dataSource;
        private readonly string symbol;
        private readonly DateTimeOffset to;
        private readonly int pageSize;
        private readonly List<MarketEvent> page = [];
        private int index;
        private DateTimeOffset after;
        private bool exhausted;

        public SymbolCursor(NpgsqlDataSource dataSource, string symbol, DateTimeOffset from, DateTimeOffset to, int pageSize)
        {
            this.dataSource = dataSource;
            this.symbol = symbol;
            this.to = to;
            this.pageSize = pageSize;
            after = from - TimeSpan.FromTicks(1);
            Load();
        }

        public MarketEvent? Current => index < page.Count ? page[index] : null;

        public void Advance()
        {
            index++;
            if (index >= page.Count && !exhausted)
            {
                Load();
            }
        }

        private void Load()
        {
            page.Clear();
            index = 0;
            using var command = dataSource.CreateCommand(PageSql);
            command.Parameters.Add(new NpgsqlParameter { Value = symbol });
            command.Parameters.Add(new NpgsqlParameter { Value = after.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var time = reader.GetFieldValue<DateTimeOffset>(0);
                page.Add(new MarketEvent(
                    new Quote(symbol, time, Nullable(reader, 1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5)),
                    Nullable(reader, 6)));
                after = time;
            }

            exhausted = page.Count < pageSize;
        }

        private static decimal? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
    }
}
