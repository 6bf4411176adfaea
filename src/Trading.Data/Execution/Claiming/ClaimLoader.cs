using Npgsql;
using Trading.Engine.Execution;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// A claim from start to end, step by step: lock (<see cref="AccountLock"/>), read the accounts' state, the market and
/// the books the accounts walk in one round trip (<see cref="AccountStateRead"/>, <see cref="MarketRead"/>,
/// <see cref="LiquidityRead"/>), the order book's cancels and quote path when there are working orders, the delayed
/// quotes (<see cref="LatencyQuotes"/>), the prints and book sizes of the queue model (<see cref="QueueRead"/>), σ/V for
/// sqrt_impact, the risk figures; then the batch. Each step after the load batch costs a round trip only when a claimed
/// account needs it.
/// </summary>
internal static class ClaimLoader
{
    public static async Task<ClaimedBatch> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxAccounts, int decisionsPerAccount,
        IReadOnlyCollection<string>? onlyAccounts, TimeProvider time, ClaimState state, CancellationToken cancellationToken)
    {
        await AccountLock.LockAsync(connection, transaction, maxAccounts, onlyAccounts, state, cancellationToken);
        if (state.Locked.Count == 0)
        {
            return new ClaimedBatch([], new Dictionary<string, Engine.MarketData.Quote>(), new Dictionary<string, Engine.MarketData.InstrumentSpec>(), [])
            {
                Now = state.Now,
            };
        }

        // The claim may have waited on a lock: what it executes happens now, not when it started looking.
        state.NotBefore(time.GetUtcNow());
        state.StartLoading();
        var accounts = state.AccountNames;

        // The working orders are always read after the lock (a flag from the claim's snapshot could miss orders a batch
        // committed just before this one took the lock, and their exits would outlive a position this batch closes);
        // their cancel requests and quote path cost a second round trip only when there are any. A cancel request the
        // claim's snapshot missed is answered by the next batch.
        await using (var load = new NpgsqlBatch(connection, transaction))
        {
            if (state.AnyCancels)
            {
                load.BatchCommands.Add(Command(AccountStateRead.ResolveCancelsSql, (object)accounts)); // no rows: the reader skips it
            }

            load.BatchCommands.Add(Command(AccountStateRead.SettingsSql, (object)accounts));
            load.BatchCommands.Add(Command(AccountStateRead.DecisionsSql, accounts, decisionsPerAccount));
            load.BatchCommands.Add(Command(AccountStateRead.PositionsSql, (object)accounts));
            load.BatchCommands.Add(Command(MarketRead.LatestSql, accounts, decisionsPerAccount, state.Now.ToUniversalTime()));
            load.BatchCommands.Add(Command(RiskStore.LimitsSql, (object)accounts));
            load.BatchCommands.Add(Command(AccountStateRead.OrdersSql, (object)accounts));
            load.BatchCommands.Add(Command(LiquidityRead.DepthSql, accounts, decisionsPerAccount, state.Now.ToUniversalTime()));
            load.BatchCommands.Add(Command(LiquidityRead.TakenSql, accounts, decisionsPerAccount, state.Now.ToUniversalTime()));
            await using var reader = await load.ExecuteReaderAsync(cancellationToken);
            await AccountStateRead.ReadSettingsAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await AccountStateRead.ReadDecisionsAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await AccountStateRead.ReadPositionsAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await MarketRead.ReadLatestAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await AccountStateRead.ReadLimitsAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await AccountStateRead.ReadOrdersAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await LiquidityRead.ReadDepthAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await LiquidityRead.ReadTakenAsync(reader, state, cancellationToken);
        }

        if (state.Orders.Values.Any(o => o.Count > 0))
        {
            await using var book = new NpgsqlBatch(connection, transaction);
            book.BatchCommands.Add(Command(AccountStateRead.CancelsSql, (object)accounts));
            book.BatchCommands.Add(Command(MarketRead.PathSql, accounts, state.Now.ToUniversalTime(), MarketRead.PathSliceLength));
            await using var reader = await book.ExecuteReaderAsync(cancellationToken);
            await AccountStateRead.ReadCancelsAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await MarketRead.ReadPathAsync(reader, state, cancellationToken);
        }

        await LatencyQuotes.ApplyAsync(connection, transaction, state, cancellationToken);
        var queue = await QueueRead.LoadAsync(connection, transaction, state, cancellationToken);
        await LiquidityRead.ApplyImpactAsync(connection, transaction, state, cancellationToken);

        var risk = state.Limits.Count == 0
            ? new Dictionary<string, AccountRisk>(StringComparer.Ordinal)
            : await RiskStore.LoadAsync(connection, transaction, state.Limits, state.Now, cancellationToken);
        // A decision the market read's snapshot no longer counted among the first per account (an older id committed
        // late) still executes no earlier than its creation.
        foreach (var decision in state.Decisions.Values.SelectMany(d => d))
        {
            state.NotBefore(decision.Request.CreatedAt);
        }

        var claimed = accounts
            .Select(a => new ClaimedAccount(state.Accounts[a].Config, state.Accounts[a].Cash, state.Accounts[a].Latency, state.Positions[a], state.Decisions[a])
            {
                Risk = risk.GetValueOrDefault(a),
                OpenOrders = state.Orders[a],
                Cancels = state.Cancels[a],
                Epoch = state.Epochs[a],
                Liquidity = state.Ledger(a),
            })
            .ToList();
        return new ClaimedBatch(claimed, state.Quotes, state.Instruments, state.Path)
        {
            Now = state.Now,
            DepthBooks = state.DepthBooks,
            PathCompleteThrough = MarketRead.CompleteThrough(state.Path),
            Queue = queue,
        };
    }

    internal static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
