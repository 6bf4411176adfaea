using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Trading.Data.MarketData;
using Trading.Engine.MarketData;

namespace Trading.Orchestrator.Feeds.Exchange;

/// <summary>
/// A live Binance-style bookTicker feed. Each (re)connection subscribes first and then takes a REST snapshot, so the
/// time lost while disconnected ends with a fresh quote; reconnects back off exponentially (reset once data flows);
/// a silence longer than the timeout is a gap and forces a reconnect; a malformed frame is counted and skipped; an
/// update id not above the symbol's last is skipped. Quotes are stamped with the receive time (bookTicker carries
/// none) and written through the ingestor in batches of whatever has arrived.
/// </summary>
public sealed partial class BinanceBookTickerFeed : IQuoteFeed
{
    private const string SnapshotPath = "api/v3/ticker/bookTicker";
    private readonly ExchangeFeedOptions options;
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Dictionary<string, long> lastUpdate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> lastTime = new(StringComparer.Ordinal);

    public BinanceBookTickerFeed(ExchangeFeedOptions options, HttpClient http, TimeProvider time, ILogger<BinanceBookTickerFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        this.options = options;
        this.http = http;
        this.time = time;
        this.logger = logger;
    }

    public ExchangeFeedStatistics Statistics { get; } = new();

    public async Task<IngestResult> RunAsync(QuoteIngestor sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var channel = Channel.CreateBounded<QuoteRow>(new BoundedChannelOptions(100_000) { SingleReader = true, SingleWriter = true });
        var writing = WriteLoopAsync(channel.Reader, sink);
        try
        {
            await ConnectLoopAsync(channel.Writer, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what has arrived is still written below.
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        return await writing;
    }

    // Not cancelled by the feed's token: quotes already received are written before RunAsync returns.
    private static async Task<IngestResult> WriteLoopAsync(ChannelReader<QuoteRow> reader, QuoteIngestor sink)
    {
        var result = default(IngestResult);
        var batch = new List<QuoteRow>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < sink.Options.BatchSize && reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            result += await sink.WriteAsync(batch.ToArray(), CancellationToken.None);
            batch.Clear();
        }

        return result;
    }

    private async Task ConnectLoopAsync(ChannelWriter<QuoteRow> writer, CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frames = 0L;
            try
            {
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(options.StreamUri, cancellationToken);
                Statistics.Connected();
                LogConnected(options.StreamUri.Host);
                await SnapshotAsync(writer, cancellationToken);
                frames = await ReceiveAsync(socket, writer, cancellationToken);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or JsonException
                                      && !cancellationToken.IsCancellationRequested)
            {
                LogDisconnected(e.Message);
            }

            if (frames > 0)
            {
                backoff = options.InitialBackoff;
            }

            LogReconnecting(backoff);
            await Task.Delay(backoff, time, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
        }
    }

    private async Task SnapshotAsync(ChannelWriter<QuoteRow> writer, CancellationToken cancellationToken)
    {
        var symbols = JsonSerializer.Serialize(options.Symbols.Keys.Order(StringComparer.Ordinal).ToArray());
        var uri = new Uri(options.RestUri, $"{SnapshotPath}?symbols={Uri.EscapeDataString(symbols)}");
        var body = await http.GetByteArrayAsync(uri, cancellationToken);
        foreach (var update in BookTickerParser.ParseSnapshot(body))
        {
            await PublishAsync(writer, update, cancellationToken);
        }

        Statistics.Snapshot();
    }

    private async Task<long> ReceiveAsync(ClientWebSocket socket, ChannelWriter<QuoteRow> writer, CancellationToken cancellationToken)
    {
        using var silence = new CancellationTokenSource(options.SilenceTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        var buffer = new ArrayBufferWriter<byte>(4096);
        long frames = 0;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.GetMemory(4096), linked.Token);
                    buffer.Advance(received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    LogDisconnected("the server closed the stream");
                    return frames;
                }

                frames++;
                silence.CancelAfter(options.SilenceTimeout);
                await HandleFrameAsync(buffer.WrittenMemory, writer, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Statistics.Gap();
            LogGap(options.SilenceTimeout);
        }

        return frames;
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> frame, ChannelWriter<QuoteRow> writer, CancellationToken cancellationToken)
    {
        BookTickerParser.Update update;
        try
        {
            if (!BookTickerParser.TryParseFrame(frame.Span, out update))
            {
                return;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or OverflowException)
        {
            Statistics.Malformed();
            LogMalformed(e.Message);
            return;
        }

        if (update.UpdateId is { } id)
        {
            if (lastUpdate.TryGetValue(update.Symbol, out var last) && id <= last)
            {
                Statistics.Stale();
                return;
            }

            lastUpdate[update.Symbol] = id;
        }

        await PublishAsync(writer, update, cancellationToken);
    }

    private async Task PublishAsync(ChannelWriter<QuoteRow> writer, BookTickerParser.Update update, CancellationToken cancellationToken)
    {
        if (!options.Symbols.TryGetValue(update.Symbol, out var symbol))
        {
            return;
        }

        Quote quote;
        try
        {
            quote = new Quote(symbol, NextTime(symbol), update.Bid, update.Ask, null, update.BidSize, update.AskSize);
        }
        catch (ArgumentException e)
        {
            Statistics.Malformed();
            LogMalformed(e.Message);
            return;
        }

        await writer.WriteAsync(new QuoteRow(quote), cancellationToken);
    }

    // Receive time at microsecond resolution, strictly increasing per symbol so that no two updates share a key.
    private DateTimeOffset NextTime(string symbol)
    {
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.UtcTicks % 10));
        if (lastTime.TryGetValue(symbol, out var previous) && now <= previous)
        {
            now = previous.AddTicks(10);
        }

        lastTime[symbol] = now;
        return now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Host}; taking a REST snapshot")]
    private partial void LogConnected(string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange stream lost: {Reason}")]
    private partial void LogDisconnected(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting in {Backoff}")]
    private partial void LogReconnecting(TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No frame for {Timeout}: treating it as a gap and reconnecting")]
    private partial void LogGap(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping a malformed frame: {Reason}")]
    private partial void LogMalformed(string reason);
}
