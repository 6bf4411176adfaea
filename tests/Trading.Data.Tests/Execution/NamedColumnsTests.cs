using Trading.Data.Execution.Reading;
using Trading.Testing;

namespace Trading.Data.Tests.Execution;

public sealed class NamedColumnsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Read_ColumnsByName_ValuesAndNulls()
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT 'x' AS symbol, 2.5::numeric AS price, NULL::numeric AS bid, 7::bigint AS id, NULL::bigint AS parent");
        await using var reader = await command.ExecuteReaderAsync();
        var row = new NamedColumns(reader);
        Assert.True(await reader.ReadAsync());

        Assert.Equal("x", row.Text("symbol"));
        Assert.Equal(2.5m, row.Decimal("price"));
        Assert.Null(row.NullableDecimal("bid"));
        Assert.Equal(7L, row.NullableInt64("id"));
        Assert.Null(row.NullableInt64("parent"));
    }

    [Fact]
    public async Task Read_ColumnTheQueryDoesNotReturn_ErrorNamesIt()
    {
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT 1::bigint AS id");
        await using var reader = await command.ExecuteReaderAsync();
        var row = new NamedColumns(reader);
        Assert.True(await reader.ReadAsync());

        var error = Assert.Throws<InvalidOperationException>(() => row.Int64("order_id"));

        Assert.Equal("The query returns no column 'order_id' (it returns id).", error.Message);
    }
}
