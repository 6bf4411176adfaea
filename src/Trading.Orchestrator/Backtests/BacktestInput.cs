using System.Security.Cryptography;
using Npgsql;
using Trading.Data.Backtests;
using Trading.Orchestrator.Feeds;
using Trading.Strategies.Backtesting;

namespace Trading.Orchestrator.Backtests;

/// <summary>
/// Where a backtest's quotes come from: a quotes or klines file (read with `trading feed replay`'s parser, streamed,
/// refused at the first bad line), or the stored market_prices (<see cref="StoredQuotes"/>). Each yields the quotes of
/// [from, to) in time order and may be read again (the look-ahead check reruns on cut data).
/// </summary>
public sealed class BacktestInput
{
    private readonly Func<DateTimeOffset, DateTimeOffset, IEnumerable<MarketEvent>> read;

    private BacktestInput(string source, string? path, Func<DateTimeOffset, DateTimeOffset, IEnumerable<MarketEvent>> read)
    {
        Source = source;
        Path = path;
        this.read = read;
    }

    /// <summary>quotes_file, klines_file or market_prices, as backtest_runs.data_source names them.</summary>
    public string Source { get; }

    public string? Path { get; }

    public static BacktestInput File(string path, QuoteFileFormat format, string? symbol) =>
        new(format == QuoteFileFormat.Kline ? "klines_file" : "quotes_file", System.IO.Path.GetFullPath(path), (from, to) => ReadFile(path, format, symbol, from, to));

    public static BacktestInput Stored(NpgsqlDataSource dataSource, IReadOnlyList<string> symbols) =>
        new("market_prices", null, (from, to) => new StoredQuotes(dataSource, symbols, from, to));

    /// <summary>The quotes of [from, to).</summary>
    public IEnumerable<MarketEvent> Read(DateTimeOffset from, DateTimeOffset to) => read(from, to);

    /// <summary>SHA-256 of the file (lower-case hex); null for stored quotes.</summary>
    public async Task<string?> ChecksumAsync(CancellationToken cancellationToken)
    {
        if (Path is null)
        {
            return null;
        }

        await using var stream = System.IO.File.OpenRead(Path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static IEnumerable<MarketEvent> ReadFile(string path, QuoteFileFormat format, string? symbol, DateTimeOffset from, DateTimeOffset to)
    {
        using var reader = new StreamReader(path);
        var previous = DateTimeOffset.MinValue;
        long row = 0;
        foreach (var item in QuoteFileReader.Read(reader, format, symbol))
        {
            row++;
            var time = item.Quote.Time;
            if (time < previous)
            {
                throw new BacktestDataException(
                    $"{System.IO.Path.GetFileName(path)}: quotes must be in time order; quote {row} ({item.Quote.Symbol} at {time:O}) comes after {previous:O}");
            }

            previous = time;
            if (time >= to)
            {
                yield break;
            }

            if (time >= from)
            {
                yield return new MarketEvent(item.Quote, item.Volume);
            }
        }
    }
}
