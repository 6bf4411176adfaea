using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.MarketData;

/// <summary>market_depth and market_trades (0022) take well-formed market data (their refusals are in ConstraintTests).</summary>
public sealed class MarketDepthSchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Insert_BookSnapshotAndPrints_Stored()
    {
        await fixture.Database.ExecuteAsync("""
            INSERT INTO market_depth (time, symbol, side, level, price, size, source) VALUES
                ('2026-01-01 00:00+00', 'SCHEMA/USDT', 'bid', 0, 99.9, 1.5, 'test'),
                ('2026-01-01 00:00+00', 'SCHEMA/USDT', 'bid', 1, 99.8, 0, 'test'),
                ('2026-01-01 00:00+00', 'SCHEMA/USDT', 'ask', 0, 100.0, 2, 'test');
            INSERT INTO market_trades (time, symbol, trade_id, price, size, aggressor) VALUES
                ('2026-01-01 00:00+00', 'SCHEMA/USDT', 1, 100.0, 0.5, 'buy'),
                ('2026-01-01 00:00+00', 'SCHEMA/USDT', 2, 99.9, 0.25, NULL);
            """);

        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_depth WHERE symbol = 'SCHEMA/USDT'"));
        Assert.Equal(0.75m, await fixture.Database.ScalarAsync<decimal>("SELECT sum(size) FROM market_trades WHERE symbol = 'SCHEMA/USDT'"));
    }

    [Fact]
    public async Task Insert_SamePrintTwice_RefusedAsADuplicate()
    {
        const string Print = "INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES ('2026-01-02 00:00+00', 'DUP/USDT', 7, 1, 1)";
        await fixture.Database.ExecuteAsync(Print);

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(Print));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
