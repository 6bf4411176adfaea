using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Trading.Data.Execution;

namespace Trading.Data.Client;

/// <summary>
/// Sends the orchestrator's wake-up (<see cref="WakeUps"/>) in the transaction of a SaveChanges that adds decisions or
/// cancel requests, as `trading decide` and the MCP tools do: on Citus the tables' NOTIFY triggers are gone (they fired on
/// the worker, where no listener hears them). On one server the trigger's notification and this one are identical and
/// PostgreSQL delivers them once. Without a transaction of the caller's, SaveChanges runs in one begun here, so the
/// notification is delivered at the commit that makes the rows visible, never before.
/// </summary>
public sealed class WakeUpInterceptor : SaveChangesInterceptor
{
    public static WakeUpInterceptor Instance { get; } = new();

    // The transactions begun here, per context, committed after the save or rolled back when it fails.
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> begun = [];

    private WakeUpInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData?.Context is { } context && AddsWork(context))
        {
            if (context.Database.CurrentTransaction is null)
            {
                begun.AddOrUpdate(context, context.Database.BeginTransaction());
            }

            context.Database.ExecuteSqlRaw(WakeUps.NotifyDecisionsSql);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData?.Context is { } context && AddsWork(context))
        {
            if (context.Database.CurrentTransaction is null)
            {
                begun.AddOrUpdate(context, await context.Database.BeginTransactionAsync(cancellationToken));
            }

            await context.Database.ExecuteSqlRawAsync(WakeUps.NotifyDecisionsSql, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData?.Context) is { } transaction)
        {
            using (transaction)
            {
                transaction.Commit();
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData?.Context) is { } transaction)
        {
            await using (transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData?.Context)?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData?.Context) is { } transaction)
        {
            await transaction.DisposeAsync();
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(eventData?.Context)?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData?.Context) is { } transaction)
        {
            await transaction.DisposeAsync();
        }
    }

    private static bool AddsWork(DbContext context) =>
        context.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Entity is TradingDecision or PaperCancelRequest);

    // Disposing an uncommitted transaction rolls it back.
    private IDbContextTransaction? Take(DbContext? context)
    {
        if (context is null || !begun.TryGetValue(context, out var transaction))
        {
            return null;
        }

        begun.Remove(context);
        return transaction;
    }
}
