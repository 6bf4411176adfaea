using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Data.MarketData;
using Trading.Data.Migrations;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData.Simulation;
using Trading.Orchestrator.Feeds;
using Trading.Orchestrator.Feeds.Exchange;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading feed sim` and `trading feed replay FILE`: write quotes into market_prices through the ingestor.</summary>
public static class FeedCommand
{
    private static readonly Option<string[]> SimSymbols = SymbolsOption("Symbols to simulate");
    private static readonly Option<string[]> ExchangeSymbols = SymbolsOption("Symbols to subscribe to");

    private static readonly Option<string> Seed = new("--seed") { Description = "Random seed: the same seed gives the same quotes.", DefaultValueFactory = _ => "42" };
    private static readonly Option<string> Interval = new("--interval") { Description = "Time between quotes (250ms, 1s, 1m).", DefaultValueFactory = _ => "1s" };
    private static readonly Option<string?> From = new("--from") { Description = "Backfill from this time (UTC unless an offset is given), as fast as possible." };
    private static readonly Option<string?> To = new("--to") { Description = "Backfill up to this time (exclusive)." };
    private static readonly Option<string?> Ticks = new("--ticks") { Description = "Live mode: stop after this many ticks (default: until Ctrl+C)." };
    private static readonly Option<string?> Volatility = new("--volatility") { Description = "Annualised volatility for every symbol (default per symbol: BTC 0.6, ETH 0.75, SOL 1.0)." };
    private static readonly Option<string?> Drift = new("--drift") { Description = "Annual drift for every symbol (default 0)." };
    private static readonly Option<string?> Spread = new("--spread") { Description = "Spread as a fraction of the mid for every symbol." };
    private static readonly Option<bool> Regimes = new("--regimes") { Description = "Switch between calm (1x) and stressed (3x) volatility, an hour each on average." };
    private static readonly Option<bool> Jumps = new("--jumps") { Description = "Add Poisson jumps (2 a day, about 1%)." };
    private static readonly Option<string?> DepthLevels = new("--depth-levels") { Description = "Also write a simulated book of this many levels a side (market_depth) and trade prints at the touch (market_trades) with each quote (default: quotes only)." };
    private static readonly Option<string?> StartPrice = new("--start-price")
    {
        Description = "Start price of a symbol with no built-in path (those have BTC 65000, ETH 3200, SOL 150); required for any other symbol.",
    };

    private static readonly Option<string> Batch = new("--batch") { Description = "Rows per transaction.", DefaultValueFactory = _ => "10000" };

    private static readonly Argument<string> File = new("file") { Description = "CSV file to replay." };
    private static readonly Option<string> Format = new("--format") { Description = "quotes (time,symbol,bid,ask[,last,bid_size,ask_size,volume]), kline (Binance layout), depth (time,symbol,side,level,price,size: market_depth) or trades (time,symbol,trade_id,price,size[,aggressor]: market_trades).", DefaultValueFactory = _ => "quotes" };
    private static readonly Option<string?> Symbol = new("--symbol") { Description = "Symbol of a kline file." };
    private static readonly Option<string?> Speed = new("--speed") { Description = "Pace the replay at this multiple of real time (default: full speed)." };
    private static readonly Option<bool> ShiftToNow = new("--shift-to-now") { Description = "Paced replay: re-stamp quotes so that the first one is now." };

    private static readonly Option<string?> StreamUri = new("--stream-uri") { Description = "Exchange WebSocket stream (default: Binance spot combined bookTicker streams)." };
    private static readonly Option<string?> RestUri = new("--rest-uri") { Description = "Exchange REST base for snapshots (default: https://api.binance.com/)." };

    // One client for the process, as HttpClient is meant to be used.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    // One instance per command: the help of each says what that command does with the symbols.
    private static Option<string[]> SymbolsOption(string what) => new("--symbols")
    {
        Description = $"{what} (comma-separated or repeated). Default: BTC/USDT,ETH/USDT,SOL/USDT.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var sim = new Command("sim", "Simulated quotes (geometric Brownian motion): live every --interval, or a --from/--to backfill.");
        foreach (var option in new Option[] { SimSymbols, Seed, Interval, From, To, Ticks, Volatility, Drift, Spread, Regimes, Jumps, DepthLevels, StartPrice, Batch })
        {
            sim.Options.Add(option);
        }

        sim.SetAction((parse, cancellationToken) => RunAsync("sim", parse, configuration, loggers, SimulatedFeedFrom, cancellationToken));

        var replay = new Command("replay", "Load a quotes, kline, depth or trades CSV file; a malformed or out-of-order file loads nothing, a re-run stores nothing twice.");
        replay.Arguments.Add(File);
        foreach (var option in new Option[] { Format, Symbol, Speed, ShiftToNow, Batch })
        {
            replay.Options.Add(option);
        }

        replay.SetAction((parse, cancellationToken) => RunAsync("replay", parse, configuration, loggers, ReplayFeedFrom, cancellationToken));

        var exchange = new Command("exchange", "Live Binance-style bookTicker quotes over WebSocket until Ctrl+C (REST snapshot on every connect).");
        foreach (var option in new Option[] { ExchangeSymbols, StreamUri, RestUri, Batch })
        {
            exchange.Options.Add(option);
        }

        exchange.SetAction((parse, cancellationToken) => RunAsync("exchange", parse, configuration, loggers, ExchangeFeedFrom, cancellationToken));

        var feed = new Command("feed", "Write market data into market_prices (simulated, replayed or live from an exchange).");
        feed.Subcommands.Add(sim);
        feed.Subcommands.Add(replay);
        feed.Subcommands.Add(exchange);
        return feed;
    }

    private delegate Task<(IQuoteFeed Feed, long ExpectedRows)> FeedFactory(
        ParseResult parse, ILoggerFactory loggers, IProgress<long>? progress, CancellationToken cancellationToken);

    private static async Task<int> RunAsync(
        string name, ParseResult parse, IConfiguration configuration, ILoggerFactory loggers, FeedFactory factory, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(CommonOptions.Json);
        int batch;
        IQuoteFeed feed;
        long expected;
        var relay = new RelayProgress();
        try
        {
            batch = CliValues.Count("--batch", parse.GetValue(Batch)!, 1, 1_000_000);
            // The arguments (and a replay file, fully) are checked before any database work.
            (feed, expected) = await factory(parse, loggers, relay, cancellationToken);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"feed {name}: {e.Message}");
            return ExitCodes.BadArguments;
        }
        catch (FileNotFoundException e)
        {
            await Console.Error.WriteLineAsync($"feed {name}: {e.Message}");
            return ExitCodes.NotFound;
        }
        catch (QuoteFileException e)
        {
            await Console.Error.WriteLineAsync($"feed {name}: {parse.GetValue(File)}: {e.Message}. Nothing was loaded.");
            return ExitCodes.Failure;
        }

        await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
        await new Migrator(database.DataSource, loggers.CreateLogger<Migrator>()).MigrateAsync(cancellationToken);
        await using var ingestor = new QuoteIngestor(
            database.DataSource,
            new QuoteIngestorOptions { BatchSize = batch, Source = name },
            TimeProvider.System,
            loggers.CreateLogger<QuoteIngestor>());

        var stopwatch = Stopwatch.StartNew();
        var result = await ConsoleProgress.RunAsync($"feed {name}", expected, !json, progress =>
        {
            relay.Target = progress;
            return feed.RunAsync(ingestor, cancellationToken);
        });
        stopwatch.Stop();

        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-6);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                database = database.Describe(),
                received = result.Received,
                written = result.Written,
                duplicates = result.Duplicates,
                batches = result.Batches,
                seconds,
            }));
        }
        else
        {
            Console.WriteLine(
                $"feed {name}: wrote {result.Written:N0} {feed.Unit} ({result.Duplicates:N0} duplicates skipped) in {seconds:N2} s " +
                $"({result.Received / seconds:N0} rows/s) to {database.Describe()}.");
        }

        return ExitCodes.Success;
    }

    private static Task<(IQuoteFeed Feed, long ExpectedRows)> SimulatedFeedFrom(
        ParseResult parse, ILoggerFactory loggers, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var symbols = parse.GetValue(SimSymbols) is { Length: > 0 } given
            ? CliValues.Symbols("--symbols", given)
            : SimulationDefaults.Symbols.Select(s => s.Symbol).ToList();
        var volatility = parse.GetValue(Volatility) is { } v ? CliValues.NonNegativeDecimal("--volatility", v) : (decimal?)null;
        var drift = parse.GetValue(Drift) is { } d ? CliValues.NonNegativeDecimal("--drift", d) : (decimal?)null;
        var spread = parse.GetValue(Spread) is { } s ? CliValues.PositiveDecimal("--spread", s) : (decimal?)null;
        var start = parse.GetValue(StartPrice) is { } p ? CliValues.PositiveDecimal("--start-price", p) : (decimal?)null;
        var unknown = symbols.Where(symbol => !SimulationDefaults.Symbols.Any(d => d.Symbol == symbol)).ToList();
        if (unknown.Count > 0 && start is null)
        {
            // A made-up price (it was 100 for any symbol) would be taken for a market: say what is missing instead.
            throw new ArgumentException(
                $"no start price for {string.Join(", ", unknown)} (built-in: {string.Join(", ", SimulationDefaults.Symbols.Select(d => d.Symbol))}): " +
                "give --start-price, and register the symbol with its venue's steps first: trading instruments add SYMBOL --tick ... --lot ...");
        }

        var paths = symbols.Select(symbol =>
        {
            var path = SimulationDefaults.For(symbol);
            // A symbol without a built-in path starts at --start-price, quoted to about four significant digits of it
            // (0.08 → a 0.00001 step), not to a cent.
            var own = unknown.Contains(symbol);
            return new PathSettings(symbol, own ? start!.Value : path.StartPrice, drift ?? path.Drift, volatility ?? path.Volatility, spread ?? path.Spread, path.QuotedSize)
            {
                TickSize = own ? Reports.NiceScale.Step(start!.Value) / 10_000m : path.TickSize,
                LotSize = path.LotSize,
                Regimes = parse.GetValue(Regimes) ? RegimeSettings.CalmAndStressed : null,
                Jumps = parse.GetValue(Jumps) ? JumpSettings.Occasional : null,
            };
        }).ToList();

        var from = parse.GetValue(From) is { } f ? CliValues.Time("--from", f) : (DateTimeOffset?)null;
        var to = parse.GetValue(To) is { } t ? CliValues.Time("--to", t) : (DateTimeOffset?)null;
        if ((from is null) != (to is null))
        {
            throw new ArgumentException("--from and --to go together (a backfill range).");
        }

        if (from is not null && to <= from)
        {
            throw new ArgumentException("--to must be after --from.");
        }

        var options = new SimulatedFeedOptions
        {
            Symbols = paths,
            Seed = CliValues.Seed("--seed", parse.GetValue(Seed)!),
            Interval = CliValues.Duration("--interval", parse.GetValue(Interval)!),
            From = from,
            To = to,
            MaxTicks = parse.GetValue(Ticks) is { } n ? CliValues.Count("--ticks", n, 1, int.MaxValue) : null,
            Depth = parse.GetValue(DepthLevels) is { } levels ? new DepthSettings(CliValues.Count("--depth-levels", levels, 1, 1000)) : null,
        };
        if (options.MaxTicks is not null && options.IsBackfill)
        {
            throw new ArgumentException("--ticks applies to live simulation, not to a --from/--to backfill.");
        }

        options.Validate();
        IQuoteFeed feed = new SimulatedFeed(options, TimeProvider.System, loggers.CreateLogger<SimulatedFeed>(), progress);
        return Task.FromResult((feed, options.BackfillRows));
    }

    private static async Task<(IQuoteFeed Feed, long ExpectedRows)> ReplayFeedFrom(
        ParseResult parse, ILoggerFactory loggers, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(File)!;
        var format = CliValues.Format("--format", parse.GetValue(Format)!);
        var symbol = parse.GetValue(Symbol) is { } s ? CliValues.Symbols("--symbol", [s]).Single() : null;
        if (format is QuoteFileFormat.Depth or QuoteFileFormat.Trades)
        {
            // A depth or trades file names its symbol on every line and loads at full speed (a book or a print wakes no worker).
            var book = symbol is null && parse.GetValue(Speed) is null && !parse.GetValue(ShiftToNow)
                ? new BookFileFeed(path, format, progress)
                : throw new ArgumentException("--symbol, --speed and --shift-to-now apply to quotes and kline files, not to depth or trades files.");
            return (book, await book.ValidateAsync(cancellationToken));
        }

        if (format == QuoteFileFormat.Kline && symbol is null)
        {
            throw new ArgumentException("--symbol is required with --format kline (kline files do not name their symbol).");
        }

        if (format == QuoteFileFormat.Quotes && symbol is not null)
        {
            throw new ArgumentException("--symbol applies to kline files; a quotes file names the symbol on each line.");
        }

        var options = new ReplayFeedOptions
        {
            Path = path,
            Format = format,
            Symbol = symbol,
            Speed = parse.GetValue(Speed) is { } x ? CliValues.PositiveDecimal("--speed", x) : null,
            ShiftToNow = parse.GetValue(ShiftToNow),
        };
        options.Validate();
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        var feed = new ReplayFeed(options, TimeProvider.System, progress);
        return (feed, await feed.ValidateAsync(cancellationToken));
    }

    private static Task<(IQuoteFeed Feed, long ExpectedRows)> ExchangeFeedFrom(
        ParseResult parse, ILoggerFactory loggers, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var symbols = parse.GetValue(ExchangeSymbols) is { Length: > 0 } given
            ? CliValues.Symbols("--symbols", given)
            : SimulationDefaults.Symbols.Select(s => s.Symbol).ToList();
        var options = ExchangeFeedOptions.Binance(symbols);
        options = options with
        {
            StreamUri = parse.GetValue(StreamUri) is { } stream ? Absolute("--stream-uri", stream) : options.StreamUri,
            RestUri = parse.GetValue(RestUri) is { } rest ? Absolute("--rest-uri", rest) : options.RestUri,
        };
        IQuoteFeed feed = new BinanceBookTickerFeed(options, Http, TimeProvider.System, loggers.CreateLogger<BinanceBookTickerFeed>());
        return Task.FromResult((feed, 0L));
    }

    private static Uri Absolute(string option, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"{option}: '{text}' is not an absolute URI.");

    private sealed class RelayProgress : IProgress<long>
    {
        public IProgress<long>? Target { get; set; }

        public void Report(long value) => Target?.Report(value);
    }
}
