using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>`trading instruments add | list`: a symbol is registered with validated steps, or refused with what is allowed.</summary>
public sealed class InstrumentsCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Count = "SELECT count(*) FROM instruments";

    [Fact]
    public async Task Add_NewSymbol_RegisteredAndListed()
    {
        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "instruments", "add", "doge/usdt", "--tick", "0.00001", "--lot", "1", "--min-notional", "5", "--json");

        Assert.True(exit == 0, output);
        var row = (await fixture.Database.QueryAsync("SELECT tick_size, lot_size, min_notional FROM instruments WHERE symbol = 'DOGE/USDT'")).Single();
        Assert.Equal((0.00001m, 1m, 5m), ((decimal)row["tick_size"]!, (decimal)row["lot_size"]!, (decimal)row["min_notional"]!));

        var (listed, list) = await CliRun.RunAsync(fixture.Database.ConnectionString, "instruments", "list", "--json");
        Assert.Equal(0, listed);
        Assert.Contains(CliRun.Json(list).EnumerateArray(), i => i.GetProperty("symbol").GetString() == "DOGE/USDT");
    }

    [Fact]
    public async Task Add_ExistingSymbol_RefusedWithItsSettingsAndTheUpdate() =>
        await CliRun.AssertBadArgumentsAsync(fixture.Database, Count, "UPDATE instruments SET tick_size",
            "instruments", "add", "BTC/USDT", "--tick", "0.1", "--lot", "0.001");

    [Theory]
    [InlineData("tick_size (--tick) is above 0", "--tick", "0", "--lot", "1")]
    [InlineData("lot_size (--lot) is above 0", "--tick", "0.01", "--lot", "-1")]
    [InlineData("--tick has at most 10 decimal places", "--tick", "0.00000000001", "--lot", "1")]
    [InlineData("--lot", "--tick", "0.01")]
    public async Task Add_InvalidSteps_RefusedWithWhatIsAllowed(string message, params string[] options) =>
        await CliRun.AssertBadArgumentsAsync(fixture.Database, Count, message, ["instruments", "add", "BAD/USDT", .. options]);

    [Fact]
    public async Task Add_BadSymbol_Refused() =>
        await CliRun.AssertBadArgumentsAsync(fixture.Database, Count, "is not a symbol like BTC/USDT", "instruments", "add", "not a symbol", "--tick", "1", "--lot", "1");
}
