using Npgsql;
using Trading.Data.Execution;
using Trading.Engine.Execution;
using Trading.Engine.Primitives;

namespace Trading.Orchestrator.Execution;

/// <summary>
/// One execution transaction: claim accounts (pending decisions, cancel requests, or working orders that new quotes
/// reached), run the engine in memory, write everything, commit. A failure anywhere rolls the whole batch back,
/// leaving its decisions pending and its orders as they were: exactly-once without a rescuer.
/// </summary>
public sealed class DecisionExecutor(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<BatchOutcome> ExecuteAsync(
        int maxAccounts, int decisionsPerAccount, IReadOnlyCollection<string>? onlyAccounts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ClaimedBatch batch;
        try
        {
            batch = await ExecutionStore.ClaimAsync(
                connection, transaction, maxAccounts, decisionsPerAccount, onlyAccounts, time, cancellationToken);
        }
        catch (ClaimFailedException e) when (e.InnerException is { } inner && TransientErrors.IsTransient(inner))
        {
            // The connection or the server failed, not the claim's data: retried as before, nothing to isolate.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        catch (ClaimFailedException e)
        {
            // A claim that fails after locking is a failed batch like any other: the worker isolates its accounts and
            // decisions. When it failed before the decisions were read, they are charged all the same (those this call
            // would have executed), or a broken account row would keep its decisions pending forever.
            await transaction.RollbackAsync(CancellationToken.None);
            var ids = e.DecisionIds.Count > 0 || decisionsPerAccount == 0
                ? e.DecisionIds
                : await ExecutionStore.PendingDecisionIdsAsync(connection, e.Accounts, decisionsPerAccount, cancellationToken);
            throw new BatchFailedException(new BatchOutcome(ids, e.Accounts), e.InnerException ?? e);
        }

        if (batch.Accounts.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return BatchOutcome.Empty;
        }

        var now = batch.Now;
        var claimed = new BatchOutcome(
            [.. batch.Accounts.SelectMany(a => a.Decisions.Select(d => d.Request.Id))],
            [.. batch.Accounts.Select(a => a.Account)])
        {
            MayHaveMore = batch.Accounts.Count >= maxAccounts || batch.PathCompleteThrough is not null
                || batch.Accounts.Any(a => a.Decisions.Count >= decisionsPerAccount),
        };
        try
        {
            var results = batch.Accounts
                .Select(a => ExecutionEngine.Execute(
                    new AccountState(a.Config, a.Cash, a.Positions, a.OpenOrders) { Risk = a.Risk, Liquidity = a.Liquidity, DepthBooks = batch.DepthBooks }, [.. a.Decisions.Select(d => d.Request)],
                    batch.Quotes, batch.Instruments, now, batch.PathFor(a), a.Cancels, batch.PathCompleteThrough, batch.Queue))
                .ToList();

            // From here the batch is finished, not abandoned: a shutdown request waits for the commit (milliseconds).
            await ExecutionStore.WriteAsync(connection, transaction, batch, results, now, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            var outcomes = results.SelectMany(r => r.Outcomes).ToList();
            var accountOf = batch.Accounts.SelectMany(a => a.Decisions.Select(d => (d.Request.Id, a.Account))).ToDictionary(p => p.Id, p => p.Account);
            return claimed with
            {
                OrderChanges = results.Sum(r => (r.Orders?.Count ?? 0) + (r.Cancels?.Count ?? 0)),
                Statuses = [.. outcomes.Select(o => o.Status)],
                Rejections = [.. outcomes.Where(o => o.Status == DecisionStatus.Rejected).Select(o => (o.DecisionId, accountOf.GetValueOrDefault(o.DecisionId, "?"), o.Reason))],
                Fills = results.Sum(r => r.Fills?.Count ?? 0),
                LatenciesMs = [.. batch.Accounts.SelectMany(a => a.Decisions).Select(d => (now - d.Request.CreatedAt).TotalMilliseconds)],
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new BatchFailedException(claimed, e);
        }
    }
}
