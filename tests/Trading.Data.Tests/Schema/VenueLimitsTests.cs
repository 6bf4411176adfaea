using Trading.Engine.Primitives;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>The maxima are stated once in SQL (0012) and once for the engine (VenueLimits): the two must agree.</summary>
public sealed class VenueLimitsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task MaxFunctions_Sql_EqualVenueLimits()
    {
        var row = (await fixture.Database.QueryAsync("SELECT max_price() AS price, max_quantity() AS quantity, max_amount() AS amount")).Single();

        Assert.Equal(VenueLimits.MaxPrice, (decimal)row["price"]!);
        Assert.Equal(VenueLimits.MaxQuantity, (decimal)row["quantity"]!);
        Assert.Equal(VenueLimits.MaxAmount, (decimal)row["amount"]!);
    }

    [Fact]
    public async Task TakeProfitPercent_AtAndAboveTheMaximum_AcceptedThenRefused()
    {
        const string insert = "INSERT INTO trading_decisions (symbol, decision, confidence, take_profit, exit_unit) VALUES ('BTC/USDT', 'BUY', 0.7, $1, 'percent')";

        Assert.Equal(1, await fixture.Database.ExecuteAsync(insert, VenueLimits.MaxTakeProfitPercent));
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => fixture.Database.ExecuteAsync(insert, VenueLimits.MaxTakeProfitPercent + 0.0001m));
        Assert.Equal("trading_decisions_take_profit_percent_max", error.ConstraintName);
    }

    [Fact]
    public async Task Maxima_JustBelow_Accepted()
    {
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account, initial_capital, cash) VALUES ('near-max', $1 - 1, $1 - 1)", VenueLimits.MaxAmount);
        var below = await fixture.Database.ExecuteAsync("""
            INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, order_type, limit_price)
            VALUES ('near-max', 'BTC/USDT', 'BUY', 0.7, $2 - 1, 'limit', $1 - 1)
            """, VenueLimits.MaxPrice, VenueLimits.MaxQuantity);

        Assert.Equal(1, below);
    }
}
