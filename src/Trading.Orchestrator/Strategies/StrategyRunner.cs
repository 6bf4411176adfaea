using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Trading.Data.Strategies;
using Trading.Orchestrator.Execution;
using Trading.Strategies.Bars;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;

namespace Trading.Orchestrator.Strategies;

/// <summary>
/// Runs every `running` strategy session: on each look, it brings the session's indicators up to the last bar acted on
/// (from stored bars: a restart rebuilds the same state), then acts on the bars closed since, in close-time order, one
/// transaction per bar (its decisions and the session's advance together). A bar whose decisions are still pending
/// holds the next one back, so every bar sees the position the previous one left.
/// It looks when a quote arrives or a batch of decisions is executed (the <see cref="SignalKey"/> signal, at most once
/// per <see cref="StrategyOptions.MinLookSpacing"/>), when the next bar closes, and every PollInterval in any case.
/// </summary>
public sealed partial class StrategyRunner(
    NpgsqlDataSource dataSource,
    TimeProvider time,
    [FromKeyedServices(StrategyRunner.SignalKey)] WorkSignal wake,
    IOptions<StrategyOptions> options,
    ILogger<StrategyRunner> logger) : BackgroundService
{
    /// <summary>The keyed <see cref="WorkSignal"/> that wakes the runner: new quotes, executed decisions.</summary>
    public const string SignalKey = "strategies";

    private readonly Dictionary<long, SessionRun> runs = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var looked = time.GetTimestamp();
                var next = await LookAsync(stoppingToken);
                var wait = next is { } due ? Clamp(due - time.GetUtcNow(), settings.PollInterval) : settings.PollInterval;
                if (wait > TimeSpan.Zero)
                {
                    await wake.WaitAsync(wait, stoppingToken);
                }

                // Quotes may arrive by the thousand per second: one look covers them all.
                var spacing = settings.MinLookSpacing - time.GetElapsedTime(looked);
                if (spacing > TimeSpan.Zero)
                {
                    await Task.Delay(spacing, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; the bar in hand was either committed or not begun.
        }
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan most) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > most ? most : wait;

    /// <summary>Acts on what is due; returns when to look next without a signal: now if a session has more bars in hand, the next bar close otherwise.</summary>
    private async Task<DateTimeOffset?> LookAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SessionRow> sessions;
        try
        {
            sessions = await StrategyStore.RunningAsync(dataSource, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLookFailed(e.Message);
            return null;
        }

        foreach (var gone in runs.Keys.Where(id => sessions.All(s => s.Id != id)).ToList())
        {
            runs.Remove(gone);
        }

        DateTimeOffset? next = null;
        foreach (var session in sessions)
        {
            try
            {
                var due = await StepAsync(session, cancellationToken);
                next = due is { } d && (next is null || d < next) ? d : next;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Transient or not, the session is retried on the next look from what is committed; its state is rebuilt.
                runs.Remove(session.Id);
                LogSessionError(session.Id, session.Name, TransientErrors.IsTransient(e), e.Message);
            }
        }

        return next;
    }

    private async Task<DateTimeOffset?> StepAsync(SessionRow session, CancellationToken cancellationToken)
    {
        if (!runs.TryGetValue(session.Id, out var run) || !string.Equals(run.ConfigJson, session.ConfigJson, StringComparison.Ordinal))
        {
            var validation = StrategyConfigParser.Parse(session.ConfigJson);
            if (!validation.IsValid)
            {
                var reason = "invalid strategy config: " + string.Join("; ", validation.Errors);
                await StrategyStore.ValidatedAsync(dataSource, session.Id, null, reason, cancellationToken);
                LogSessionFailed(session.Id, session.Name, reason);
                return null;
            }

            var config = validation.Config!;
            if (session.Checksum is not null && !string.Equals(session.Checksum, config.Checksum, StringComparison.Ordinal))
            {
                var reason = $"the config changed after the session started (checksum {session.Checksum}, now {config.Checksum})";
                await StrategyStore.ValidatedAsync(dataSource, session.Id, null, reason, cancellationToken);
                LogSessionFailed(session.Id, session.Name, reason);
                return null;
            }

            if (session.Checksum is null)
            {
                await StrategyStore.ValidatedAsync(dataSource, session.Id, config.Checksum, null, cancellationToken);
                LogSessionStarted(session.Id, session.Name, session.Account, config.TimeframeName, config.Symbols);
            }

            run = new SessionRun(session.ConfigJson, StrategyEvaluator.Create(config), SessionRun.AnchorFor(config, session.ActFrom));
            runs[session.Id] = run;
        }

        // Up to the last bar acted on (by this process or another), the bars only move the indicators.
        var acted = session.ActedThrough;
        foreach (var symbol in run.Config.Symbols)
        {
            var fed = run.FedThrough.GetValueOrDefault(symbol, run.Anchor);
            if (fed >= acted)
            {
                continue;
            }

            foreach (var bar in await StrategyStore.BarsAsync(dataSource, symbol, run.Config.Timeframe, fed, acted, cancellationToken))
            {
                if (bar.CloseTime > fed)
                {
                    run.Evaluator.OnBar(bar, StrategyPosition.Flat);
                }
            }

            run.FedThrough[symbol] = acted;
        }

        return await ActAsync(session, run, cancellationToken);
    }

    /// <summary>
    /// Acts on the bars closed since the last one acted on, oldest close first. Returns now when bars are left for the
    /// next look (the per-look cap), the next bar's close when all are done, null while decisions are pending (their
    /// execution wakes the runner).
    /// </summary>
    private async Task<DateTimeOffset?> ActAsync(SessionRow session, SessionRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<Bar>();
        foreach (var symbol in run.Config.Symbols)
        {
            due.AddRange(await StrategyStore.BarsAsync(dataSource, symbol, run.Config.Timeframe, session.ActedThrough, now, cancellationToken));
        }

        var acted = 0;
        foreach (var closing in due.Where(b => b.CloseTime > session.ActedThrough).GroupBy(b => b.CloseTime).OrderBy(g => g.Key))
        {
            if (acted++ >= options.Value.MaxBarsPerPoll)
            {
                return now;
            }

            if (await StrategyStore.IsBusyAsync(dataSource, session.Id, cancellationToken))
            {
                return null;
            }

            var decisions = new List<SessionDecision>();
            foreach (var bar in closing.OrderBy(b => b.Symbol, StringComparer.Ordinal))
            {
                var position = await StrategyStore.PositionAsync(dataSource, session.Account, bar.Symbol, cancellationToken);
                decisions.AddRange(run.Evaluator.OnBar(bar, position).Select(s => ToDecision(s, bar.Close)));
                run.FedThrough[bar.Symbol] = bar.CloseTime;
            }

            if (!await StrategyStore.ActAsync(dataSource, session, closing.Key, decisions, cancellationToken))
            {
                runs.Remove(session.Id); // stopped, or another replica acted first: rebuilt from what is committed
                return now;
            }

            foreach (var decision in decisions)
            {
                LogDecision(session.Id, decision.Verb, decision.Symbol, closing.Key, decision.Reasoning);
            }

            session = session with { LastBarClose = closing.Key };
        }

        return Timeframes.NextClose(run.Config.Timeframe, now);
    }

    private static SessionDecision ToDecision(StrategySignal signal, decimal close) => new(
        signal.Symbol,
        signal.Action.ToString().ToUpperInvariant(),
        signal.Confidence,
        signal.RiskScore,
        signal.Quantity,
        signal.Notional,
        close,
        signal.IsEntry ? signal.StopLossPct : null,
        signal.IsEntry ? signal.TakeProfitPct : null,
        signal.IsEntry ? signal.TrailingStopPct : null,
        signal.Reasoning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy session {SessionId} ({Name}) running on account {Account}: {Timeframe} bars of {Symbols}")]
    private partial void LogSessionStarted(long sessionId, string name, string account, string timeframe, IReadOnlyList<string> symbols);

    [LoggerMessage(Level = LogLevel.Error, Message = "Strategy session {SessionId} ({Name}) failed: {Reason}")]
    private partial void LogSessionFailed(long sessionId, string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy session {SessionId}: {Verb} {Symbol} on the bar closing {BarClose:u}: {Reasoning}")]
    private partial void LogDecision(long sessionId, string verb, string symbol, DateTimeOffset barClose, string reasoning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy session {SessionId} ({Name}): error (transient: {Transient}), retried on the next look: {Error}")]
    private partial void LogSessionError(long sessionId, string name, bool transient, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy sessions could not be read; retried on the next look: {Error}")]
    private partial void LogLookFailed(string error);
}
