using Trading.Data.Backtests;
using Trading.Testing;

namespace Trading.Data.Tests.Backtests;

public sealed class StoredQuotesTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Enumerate_SeveralSymbolsSmallPages_AllQuotesOfTheRangeInTimeThenSymbolOrder()
    {
        var db = fixture.Database;
        var start = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await db.ExecuteAsync("INSERT INTO instruments (symbol) VALUES ('SQA/USDT'), ('SQB/USDT') ON CONFLICT DO NOTHING");
        await db.ExecuteAsync("""
            INSERT INTO market_prices (time, symbol, bid, ask, volume)
            SELECT $1::timestamptz + make_interval(secs => s * (CASE WHEN sym = 'SQA/USDT' THEN 2 ELSE 3 END)), sym, 100 + s, 101 + s, s
            FROM generate_series(0, 40) s CROSS JOIN (VALUES ('SQA/USDT'), ('SQB/USDT')) v(sym)
            """, start);

        var quotes = new StoredQuotes(db.DataSource, ["SQB/USDT", "SQA/USDT"], start.AddSeconds(10), start.AddSeconds(60), pageSize: 4).ToList();

        var expected = Enumerable.Range(0, 41).SelectMany(s => new[] { (Time: start.AddSeconds(2 * s), Symbol: "SQA/USDT"), (Time: start.AddSeconds(3 * s), Symbol: "SQB/USDT") })
            .Where(q => q.Time >= start.AddSeconds(10) && q.Time < start.AddSeconds(60))
            .OrderBy(q => q.Time).ThenBy(q => q.Symbol, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, quotes.Select(q => (q.Quote.Time, q.Quote.Symbol)));
        Assert.Equal(quotes.Count, new StoredQuotes(db.DataSource, ["SQA/USDT", "SQB/USDT"], start.AddSeconds(10), start.AddSeconds(60), pageSize: 7).Count());
        Assert.All(quotes, q => Assert.NotNull(q.Volume));
    }
}
