using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Trading.Data.MarketData;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.MarketData.Simulation;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// Geometric Brownian motion quotes for the configured symbols, written through the ingestor: a historical range at
/// full speed, or live on a timer from the injected <see cref="TimeProvider"/>; with <see cref="SimulatedFeedOptions.Depth"/>
/// each quote also carries its book and prints (<see cref="DepthSimulator"/>). The same seed and step times always give
/// the same quotes, books and prints.
/// </summary>
public sealed partial class SimulatedFeed : IQuoteFeed
{
    private readonly SimulatedFeedOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly IProgress<long>? progress;

    public SimulatedFeed(SimulatedFeedOptions options, TimeProvider time, ILogger<SimulatedFeed> logger, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.progress = progress;
    }

    public async Task<IngestResult> RunAsync(QuoteIngestor sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var simulator = new PriceSimulator(options.Symbols, options.Seed);
        var depth = options.Depth is { } settings ? new DepthSimulator(settings, options.Symbols, options.Seed) : null;
        return options.IsBackfill
            ? await sink.WriteAsync(Backfill(simulator, depth, cancellationToken), progress, cancellationToken)
            : await LiveAsync(simulator, depth, sink, cancellationToken);
    }

    private static QuoteRow Row(Quote quote, DepthSimulator? depth)
    {
        if (depth is null)
        {
            return new QuoteRow(quote);
        }

        var market = depth.Next(quote);
        return new QuoteRow(quote, Book: market.Book, Trades: market.Prints);
    }

    private async IAsyncEnumerable<QuoteRow> Backfill(
        PriceSimulator simulator, DepthSimulator? depth, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new Quote[simulator.SymbolCount];
        var steps = 0;
        for (var at = options.From!.Value; at < options.To!.Value; at += options.Interval)
        {
            simulator.Step(at, buffer);
            foreach (var quote in buffer)
            {
                yield return Row(quote, depth);
            }

            // Generation is CPU-bound; let cancellation in now and then.
            if (++steps % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }
        }
    }

    private async Task<IngestResult> LiveAsync(
        PriceSimulator simulator, DepthSimulator? depth, QuoteIngestor sink, CancellationToken cancellationToken)
    {
        var result = default(IngestResult);
        using var timer = new PeriodicTimer(options.Interval, time);
        var previous = DateTimeOffset.MinValue;
        var ticks = 0;
        LogLiveStarted(options.Symbols.Count, options.Interval, options.Seed);
        try
        {
            do
            {
                // Stored times have microsecond resolution; keep each step strictly after the last.
                var now = time.GetUtcNow();
                now = now.AddTicks(-(now.UtcTicks % 10));
                if (now <= previous)
                {
                    now = previous.AddTicks(10);
                }

                previous = now;
                var quotes = simulator.Step(now);
                result += await sink.WriteAsync(quotes.Select(q => Row(q, depth)).ToArray(), cancellationToken);
                progress?.Report(result.Received);
                ticks++;
            }
            while ((options.MaxTicks is not { } max || ticks < max) && await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogLiveStopped(ticks, result.Written);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulating {Symbols} symbols every {Interval} (seed {Seed})")]
    private partial void LogLiveStarted(int symbols, TimeSpan interval, ulong seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulation stopped after {Ticks} ticks, {Written} quotes written")]
    private partial void LogLiveStopped(int ticks, long written);
}
