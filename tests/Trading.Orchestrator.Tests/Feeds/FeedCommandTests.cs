using System.Globalization;
using Trading.Orchestrator.Cli;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Feeds;

/// <summary>`trading feed ...` end to end through Program.Main on a real database.</summary>
public sealed class FeedCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("feed-cli-tests-").FullName;

    private Task<int> Trading(params string[] args) => Program.Main(["-c", fixture.Database.ConnectionString, .. args]);

    private Task<long> Count(string symbol) =>
        fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_prices WHERE symbol = $1", symbol);

    [Fact]
    public async Task FeedSim_Backfill_ExitsZeroAndWritesQuotes()
    {
        var code = await Trading("feed", "sim", "--symbols", "CLIA/USDT,CLIB/USDT", "--seed", "3", "--interval", "1m",
                                 "--from", "2024-01-01", "--to", "2024-01-02", "--regimes", "--jumps", "--start-price", "100");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(1_440L, await Count("CLIA/USDT"));
        Assert.Equal(1_440L, await Count("CLIB/USDT"));
    }

    [Fact]
    public async Task FeedSim_DepthLevels_WritesABookWithEveryQuote()
    {
        var code = await Trading("feed", "sim", "--symbols", "CLIDEPTH/USDT", "--interval", "1m", "--start-price", "100",
                                 "--from", "2024-01-01", "--to", "2024-01-01T01:00", "--depth-levels", "3");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(60L, await Count("CLIDEPTH/USDT"));
        Assert.Equal(60L * 6, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_depth WHERE symbol = 'CLIDEPTH/USDT'"));
    }

    [Fact]
    public async Task FeedSim_LiveTicks_ExitsZeroAfterTicks()
    {
        var code = await Trading("feed", "sim", "--symbols", "CLILIVE/USDT", "--interval", "10ms", "--ticks", "2", "--start-price", "0.08");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(2L, await Count("CLILIVE/USDT"));
    }

    [Theory]
    [InlineData("--seed", "abc")]
    [InlineData("--interval", "soon")]
    [InlineData("--interval", "0s")]
    [InlineData("--symbols", "not a symbol")]
    [InlineData("--from", "2024-01-01")]
    [InlineData("--ticks", "0")]
    [InlineData("--volatility", "-1")]
    [InlineData("--depth-levels", "0")]
    public async Task FeedSim_BadArgument_ExitsWithBadArguments(string option, string value)
    {
        var code = await Trading("feed", "sim", option, value);

        Assert.Equal(ExitCodes.BadArguments, code);
    }

    [Fact]
    public async Task FeedSim_SymbolWithoutABuiltInPathOrStartPrice_RefusedNothingWritten()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ExitCodes.BadArguments, await Trading("feed", "sim", "--symbols", "NOSTART/USDT", "--ticks", "1"));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("no start price for NOSTART/USDT", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("trading instruments add", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0L, await Count("NOSTART/USDT"));
    }

    [Fact]
    public async Task FeedSim_StartPrice_QuotesNearItOnAFineTick()
    {
        Assert.Equal(ExitCodes.Success, await Trading("feed", "sim", "--symbols", "CHEAP/USDT", "--ticks", "1", "--interval", "10ms", "--start-price", "0.08"));

        var mid = await fixture.Database.ScalarAsync<decimal>("SELECT (bid + ask) / 2 FROM market_prices WHERE symbol = 'CHEAP/USDT'");
        Assert.InRange(mid, 0.07m, 0.09m);
    }

    [Fact]
    public async Task FeedSim_ToBeforeFrom_ExitsWithBadArguments()
    {
        Assert.Equal(ExitCodes.BadArguments, await Trading("feed", "sim", "--from", "2024-01-02", "--to", "2024-01-01"));
    }

    [Fact]
    public async Task FeedReplay_QuotesFile_LoadsRows()
    {
        var path = Path.Combine(folder, "ok.csv");
        await File.WriteAllTextAsync(path, "time,symbol,bid,ask\n2024-05-01T12:00:00Z,CLIREP/USDT,1,2\n2024-05-01T12:00:01Z,CLIREP/USDT,1.1,2\n");

        Assert.Equal(ExitCodes.Success, await Trading("feed", "replay", path));
        Assert.Equal(2L, await Count("CLIREP/USDT"));
    }

    [Fact]
    public async Task FeedReplay_KlineFile_LoadsRows()
    {
        var path = Path.Combine(folder, "k.csv");
        await File.WriteAllTextAsync(path, "1714521600000,100,110,90,105,5,1714521659999\n1714521660000,105,106,100,101,4,1714521719999\n");

        Assert.Equal(ExitCodes.Success, await Trading("feed", "replay", path, "--format", "kline", "--symbol", "CLIKL/USDT"));
        Assert.Equal(2L, await Count("CLIKL/USDT"));
    }

    [Fact]
    public async Task FeedReplay_MalformedFile_ExitsFailureAndLoadsNothing()
    {
        var path = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(path, "2024-05-01T12:00:00Z,CLIBAD/USDT,1,2\n2024-05-01T12:00:01Z,CLIBAD/USDT,x,2\n");

        Assert.Equal(ExitCodes.Failure, await Trading("feed", "replay", path));
        Assert.Equal(0L, await Count("CLIBAD/USDT"));
    }

    [Fact]
    public async Task FeedReplay_DepthFileTwice_LoadsEveryLevelOnce()
    {
        var path = Path.Combine(folder, "depth.csv");
        await File.WriteAllTextAsync(path, "time,symbol,side,level,price,size\n" +
            "2024-05-01T12:00:00Z,CLIDEP/USDT,bid,0,99.9,1\n2024-05-01T12:00:00Z,CLIDEP/USDT,bid,1,99.8,2\n" +
            "2024-05-01T12:00:00Z,CLIDEP/USDT,ask,0,100.1,3\n2024-05-01T12:00:01Z,CLIDEP/USDT,ask,0,100.2,4\n");

        Assert.Equal(ExitCodes.Success, await Trading("feed", "replay", path, "--format", "depth", "--batch", "2"));
        Assert.Equal(ExitCodes.Success, await Trading("feed", "replay", path, "--format", "depth"));
        var levels = await fixture.Database.QueryAsync(
            "SELECT side, level, price, size, source FROM market_depth WHERE symbol = 'CLIDEP/USDT' ORDER BY time, side, level");
        Assert.Equal(
            ["ask 0 100.1 3 replay", "bid 0 99.9 1 replay", "bid 1 99.8 2 replay", "ask 0 100.2 4 replay"],
            levels.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r["side"]} {r["level"]} {(decimal)r["price"]!:0.####} {(decimal)r["size"]!:0.####} {r["source"]}")));
    }

    [Fact]
    public async Task FeedReplay_TradesFileTwice_LoadsEveryPrintOnce()
    {
        var path = Path.Combine(folder, "trades.csv");
        await File.WriteAllTextAsync(path, "2024-05-01T12:00:00Z,CLITRD/USDT,1,100,0.5,buy\n2024-05-01T12:00:00Z,CLITRD/USDT,2,99.9,1.5,sell\n" +
            "2024-05-01T12:00:02Z,CLITRD/USDT,3,100.1,2\n");

        Assert.Equal(ExitCodes.Success, await Trading("feed", "replay", path, "--format", "trades"));
        Assert.Equal(ExitCodes.Success, await Trading("feed", "replay", path, "--format", "trades"));
        var prints = await fixture.Database.QueryAsync("SELECT trade_id, price, size, aggressor FROM market_trades WHERE symbol = 'CLITRD/USDT' ORDER BY trade_id");
        Assert.Equal(
            ["1 100 0.5 buy", "2 99.9 1.5 sell", "3 100.1 2 -"],
            prints.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r["trade_id"]} {(decimal)r["price"]!:0.####} {(decimal)r["size"]!:0.####} {r["aggressor"] ?? "-"}")));
    }

    [Fact]
    public async Task FeedReplay_TradesOutOfOrder_ExitsFailureAndLoadsNothing()
    {
        var path = Path.Combine(folder, "late.csv");
        await File.WriteAllTextAsync(path, "2024-05-01T12:00:01Z,CLILATE/USDT,1,100,1\n2024-05-01T12:00:00Z,CLILATE/USDT,2,100,1\n");

        Assert.Equal(ExitCodes.Failure, await Trading("feed", "replay", path, "--format", "trades"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM market_trades WHERE symbol = 'CLILATE/USDT'"));
        Assert.Equal(ExitCodes.BadArguments, await Trading("feed", "replay", path, "--format", "trades", "--speed", "10"));
    }

    [Fact]
    public async Task FeedReplay_MissingFile_ExitsNotFound()
    {
        Assert.Equal(ExitCodes.NotFound, await Trading("feed", "replay", Path.Combine(folder, "absent.csv")));
    }

    [Theory]
    [InlineData("--format", "parquet")]
    [InlineData("--speed", "0")]
    public async Task FeedReplay_BadArgument_ExitsWithBadArguments(string option, string value)
    {
        var path = Path.Combine(folder, "args.csv");
        await File.WriteAllTextAsync(path, "2024-05-01T12:00:00Z,CLIARG/USDT,1,2\n");

        Assert.Equal(ExitCodes.BadArguments, await Trading("feed", "replay", path, option, value));
    }

    [Fact]
    public async Task FeedReplay_KlineWithoutSymbol_ExitsWithBadArguments()
    {
        var path = Path.Combine(folder, "nosym.csv");
        await File.WriteAllTextAsync(path, "1714521600000,100,110,90,105,5,1714521659999\n");

        Assert.Equal(ExitCodes.BadArguments, await Trading("feed", "replay", path, "--format", "kline"));
    }

    [Theory]
    [InlineData("--stream-uri", "not a uri")]
    [InlineData("--symbols", "btc usdt")]
    public async Task FeedExchange_BadArgument_ExitsWithBadArguments(string option, string value)
    {
        Assert.Equal(ExitCodes.BadArguments, await Trading("feed", "exchange", option, value));
    }

    [Fact]
    public async Task BenchIngest_SmallRun_ExitsZero()
    {
        Assert.Equal(ExitCodes.Success, await Trading("bench", "ingest", "--rows", "2000", "--batch", "500", "--repeat", "2"));
    }

    [Fact]
    public async Task BenchLatest_SmallRun_ExitsZero()
    {
        Assert.Equal(ExitCodes.Success, await Trading("bench", "latest", "--rows", "3000", "--runs", "5", "--json"));
    }

    [Fact]
    public async Task BenchIngest_BadRows_ExitsWithBadArguments()
    {
        Assert.Equal(ExitCodes.BadArguments, await Trading("bench", "ingest", "--rows", "many"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
