using Npgsql;
using Trading.Testing;

namespace Trading.Data.Tests.MarketData;

/// <summary>market_depth and market_trades (0022) take well-formed market data and refuse the rest with the constraint's name.</summary>
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

    [Theory]
    [InlineData("INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'mid', 0, 1, 1)", "market_depth_side_valid")]
    [InlineData("INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', -1, 1, 1)", "market_depth_level_range")]
    [InlineData("INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 0, 1)", "market_depth_price_range")]
    [InlineData("INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 1e9, 1)", "market_depth_price_range")]
    [InlineData("INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 1, -1)", "market_depth_size_finite")]
    [InlineData("INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES (now(), 'X', 'bid', 0, 1, 'NaN')", "market_depth_size_finite")]
    [InlineData("INSERT INTO market_depth (time, symbol, side, level, price, size) VALUES ('infinity', 'X', 'bid', 0, 1, 1)", "market_depth_time_finite")]
    [InlineData("INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES (now(), 'X', 1, 1, 0)", "market_trades_size_positive")]
    [InlineData("INSERT INTO market_trades (time, symbol, trade_id, price, size) VALUES (now(), 'X', 1, 'NaN', 1)", "market_trades_price_range")]
    [InlineData("INSERT INTO market_trades (time, symbol, trade_id, price, size, aggressor) VALUES (now(), 'X', 1, 1, 1, 'BUY')", "market_trades_aggressor_valid")]
    public async Task Insert_Malformed_RefusedByName(string sql, string constraint)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(sql));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
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
