using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.MarketData;

/// <summary>
/// A quote from the future is refused (beyond 5 s of clock skew), and the views' "latest" is the engine's: the newest
/// quote at or before now. A quote dated a year ahead used to become every view's mark and the account's peak.
/// </summary>
public sealed class FutureQuoteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("now() + interval '1 year'")]
    [InlineData("clock_timestamp() + interval '6 seconds'")]
    [InlineData("'infinity'")]
    public async Task Insert_QuoteBeyondClockSkew_Refused(string time)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            fixture.Database.ExecuteAsync($"INSERT INTO market_prices (time, symbol, bid, ask) VALUES ({time}, 'ETH/USDT', 99, 101)"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("market_prices_time_not_future", error.ConstraintName);
    }

    [Fact]
    public async Task Update_QuoteMovedIntoTheFuture_Refused()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO market_prices (time, symbol, last) VALUES ('2026-01-01 00:00+00', 'SOL/USDT', 100)");

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            fixture.Database.ExecuteAsync("UPDATE market_prices SET time = now() + interval '1 day' WHERE symbol = 'SOL/USDT'"));

        Assert.Equal("market_prices_time_not_future", error.ConstraintName);
    }

    [Fact]
    public async Task Insert_QuoteWithinClockSkew_AcceptedButNotTheMarkUntilItsTime()
    {
        await fixture.Database.ExecuteAsync("""
            INSERT INTO instruments (symbol) VALUES ('SKEW/USDT');
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp() - interval '1 second', 'SKEW/USDT', 99, 101);
            INSERT INTO market_prices (time, symbol, bid, ask) VALUES (clock_timestamp() + interval '3 seconds', 'SKEW/USDT', 199, 201);
            """);

        // Within the skew the quote is stored; the view, like the engine, marks at the newest quote not after now.
        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = 'SKEW/USDT'"));
        Assert.Equal(100m, await fixture.Database.ScalarAsync<decimal>("SELECT mark_price FROM v_latest_prices WHERE symbol = 'SKEW/USDT'"));
    }
}
