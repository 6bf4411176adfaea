using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;
using Trading.Data.Execution;

namespace Trading.Orchestrator.Execution;

/// <summary>
/// The execution loops. Each loop claims and executes batches until none is left, then sleeps until a notification
/// or the poll tick (each wakes one loop; a loop that finds more than a batch wakes the next). Transient database errors are retried with backoff (the batch was rolled back, nothing is lost).
/// An unexpected error in a batch switches the loop to one decision per transaction for the accounts involved, so the
/// decision at fault is found, retried with backoff, and ended `failed` after MaxAttempts while the rest execute. Before
/// a decision is blamed, its account's order book runs alone: a book that fails by itself has its working orders
/// canceled with the error (<see cref="OrderQuarantine"/>), and the decision runs again.
/// </summary>
public sealed partial class ExecutionWorker(
    DecisionExecutor executor,
    NpgsqlDataSource dataSource,
    WorkSignal signal,
    [FromKeyedServices(Strategies.StrategyRunner.SignalKey)] WorkSignal strategies,
    IOptions<OrchestratorOptions> options,
    ExecutionCounters counters,
    TimeProvider time,
    ILogger<ExecutionWorker> logger) : BackgroundService
{
    private readonly OrchestratorOptions settings = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(i => Task.Run(() => RunLoopAsync(i, stoppingToken), stoppingToken)));

    private ResiliencePipeline TransientRetry(int worker) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientErrors.IsTransient),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(5),
            OnRetry = args =>
            {
                LogTransient(worker, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private async Task RunLoopAsync(int worker, CancellationToken stoppingToken)
    {
        var retry = TransientRetry(worker);
        HashSet<long>? isolated = null;
        string[] isolatedAccounts = [];
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var announced = signal.Version;
                var outcome = await retry.ExecuteAsync(
                    async ct => isolated is null
                        ? await executor.ExecuteAsync(settings.AccountsPerBatch, settings.DecisionsPerAccount, null, ct)
                        : await executor.ExecuteAsync(1, 1, isolatedAccounts, ct),
                    stoppingToken);
                counters.Record(outcome);
                foreach (var (id, account, reason) in outcome.Rejections)
                {
                    LogRejected(id, account, reason);
                }

                if (outcome.Count > 0)
                {
                    strategies.Set(); // a session waiting on its decisions may act on its next bar
                }

                if (isolated is not null)
                {
                    isolated.ExceptWith(outcome.DecisionIds);
                    if (outcome.Count == 0 || isolated.Count == 0)
                    {
                        isolated = null;
                        LogIsolationEnded(worker);
                    }

                    continue;
                }

                // A batch that moved nothing waits. One that may have left work claims again at once and wakes a resting
                // loop to share it. Otherwise the batch took all there was when it claimed (what other batches held,
                // they claim again): it claims again only for work announced since, else waits for the next announcement.
                if (!outcome.MadeProgress || (!outcome.MayHaveMore && signal.Version == announced))
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                else if (outcome.MayHaveMore)
                {
                    signal.Set();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (BatchFailedException e) when (e.Claimed.Count == 0)
            {
                // Only working orders were in the batch: nothing to charge a decision with. Find the account whose book
                // fails on its own; back off rather than spin.
                LogOrdersBatchFailed(worker, string.Join(", ", e.Claimed.Accounts), e.InnerException?.Message ?? e.Message);
                await QuarantineFailingBooksAsync(worker, e.Claimed.Accounts, stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
            catch (BatchFailedException e) when (e.Claimed.Count == 1)
            {
                if (await QuarantineFailingBooksAsync(worker, e.Claimed.Accounts, stoppingToken))
                {
                    continue; // the account's order book was at fault, not the decision: it runs again with the book cleared
                }

                var id = e.Claimed.DecisionIds[0];
                var error = e.InnerException?.Message ?? e.Message;
                var failed = await DecisionFailures.RecordAsync(dataSource, id, error, settings.MaxAttempts, time.GetUtcNow(), stoppingToken);
                LogDecisionAttemptFailed(id, failed, error);
                if (failed)
                {
                    isolated?.Remove(id);
                    counters.Add(1);
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
                }
            }
            catch (BatchFailedException e)
            {
                isolated = [.. e.Claimed.DecisionIds];
                isolatedAccounts = [.. e.Claimed.Accounts];
                LogIsolating(worker, e.Claimed.Count, string.Join(", ", isolatedAccounts), e.InnerException?.Message ?? e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Neither transient nor tied to a batch (e.g. a claim query broken by a schema change): keep the loop alive.
                LogLoopError(worker, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>
    /// Runs each account's order book alone (no decisions). An account whose book fails on its own, other than
    /// transiently, has its working orders canceled with the error. True when some book was at fault: an account that
    /// fails alone with no working order to cancel is broken elsewhere (its own row), and its decisions are charged.
    /// </summary>
    private async Task<bool> QuarantineFailingBooksAsync(int worker, IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        var found = false;
        foreach (var account in accounts)
        {
            try
            {
                await executor.ExecuteAsync(1, 0, [account], cancellationToken);
            }
            catch (BatchFailedException e) when (!TransientErrors.IsTransient(e))
            {
                var error = e.InnerException?.Message ?? e.Message;
                var canceled = await OrderQuarantine.CancelWorkingAsync(dataSource, account, error, cancellationToken);
                LogQuarantined(worker, account, canceled, error);
                found |= canceled > 0;
            }
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {Worker}: the order book of {Account} fails on its own; canceled its {Count} working orders: {Error}")]
    private partial void LogQuarantined(int worker, string account, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {Worker}: matching the working orders of {Accounts} failed: {Error}")]
    private partial void LogOrdersBatchFailed(int worker, string accounts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker}: transient database error, retry {Attempt} in {DelayMs:F0} ms: {Error}")]
    private partial void LogTransient(int worker, int attempt, double delayMs, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker}: a batch of {Count} decisions failed ({Error}); executing accounts {Accounts} one decision at a time to find the cause")]
    private partial void LogIsolating(int worker, int count, string accounts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker}: back to batched execution")]
    private partial void LogIsolationEnded(int worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Decision {DecisionId} failed (terminal: {Terminal}): {Error}")]
    private partial void LogDecisionAttemptFailed(long decisionId, bool terminal, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Decision {DecisionId} of {Account} rejected: {Reason}")]
    private partial void LogRejected(long decisionId, string account, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {Worker}: unexpected error; continuing")]
    private partial void LogLoopError(int worker, Exception error);
}
