using Npgsql;
using NpgsqlTypes;
using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Risk.Limits;

namespace Trading.Data.Execution;

/// <summary>
/// The database side of one execution transaction: claim accounts (row lock, SKIP LOCKED), load their pending
/// decisions, positions, quotes and instruments; afterwards write orders, fills, trades, ledger, positions, cash and
/// decision outcomes. The caller owns the transaction: everything here is all-or-nothing with it.
/// </summary>
public static class ExecutionStore
{
    // FOR NO KEY UPDATE, not FOR UPDATE: agents' inserts take FOR KEY SHARE on the account through the foreign key,
    // and must not wait for a batch in flight. Oldest pending decision first, so no account starves.
    private static readonly string ClaimSql = $"""
        SELECT {AccountSettings.Columns}
        FROM accounts a
        WHERE EXISTS (SELECT 1 FROM trading_decisions d WHERE d.account = a.account AND d.status = 'pending')
          AND ($2::text[] IS NULL OR a.account = ANY ($2))
        ORDER BY (SELECT min(d.id) FROM trading_decisions d WHERE d.account = a.account AND d.status = 'pending')
        LIMIT $1
        FOR NO KEY UPDATE OF a SKIP LOCKED
        """;

    private const string DecisionsSql = """
        SELECT d.id, d.account, d.symbol, d.decision, d.confidence, d.risk_score, d.quantity, d.notional, d.order_type,
               d.current_price, d.created_at, d.agent, d.strategy, d.attempts
        FROM unnest($1::text[]) AS a(account)
        CROSS JOIN LATERAL (
            SELECT * FROM trading_decisions d
            WHERE d.account = a.account AND d.status = 'pending'
            ORDER BY d.id
            LIMIT $2
        ) d
        ORDER BY d.account, d.id
        """;

    private const string PositionsSql = """
        SELECT account, symbol, side, quantity, cost_basis, entry_fees, opened_at
        FROM paper_positions WHERE account = ANY ($1)
        """;

    // The newest quote at or before the execution time, per symbol the batch trades or holds: one index probe each.
    private const string MarketSql = """
        WITH symbols AS (
            SELECT d.symbol
            FROM unnest($1::text[]) AS a(account)
            CROSS JOIN LATERAL (
                SELECT d.symbol FROM trading_decisions d
                WHERE d.account = a.account AND d.status = 'pending' ORDER BY d.id LIMIT $2
            ) d
            UNION
            SELECT p.symbol FROM paper_positions p WHERE p.account = ANY ($1)
        )
        SELECT i.symbol, i.tick_size, i.lot_size, i.min_notional, q.time, q.bid, q.ask, q.last, q.bid_size, q.ask_size
        FROM symbols s
        JOIN instruments i ON i.symbol = s.symbol
        LEFT JOIN LATERAL (
            SELECT m.time, m.bid, m.ask, m.last, m.bid_size, m.ask_size FROM market_prices m
            WHERE m.symbol = s.symbol AND m.time <= $3
            ORDER BY m.time DESC
            LIMIT 1
        ) q ON true
        """;

    // With simulated latency: the first quote at or after each decision's creation + latency, if it exists by now.
    private const string LatencyQuotesSql = """
        SELECT d.id, q.time, q.bid, q.ask, q.last, q.bid_size, q.ask_size
        FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS d(id, symbol, target)
        CROSS JOIN LATERAL (
            SELECT m.time, m.bid, m.ask, m.last, m.bid_size, m.ask_size FROM market_prices m
            WHERE m.symbol = d.symbol AND m.time >= d.target AND m.time <= $4
            ORDER BY m.time
            LIMIT 1
        ) q
        """;

    /// <summary>
    /// Locks up to <paramref name="maxAccounts"/> accounts with pending decisions (optionally only those named) and
    /// loads what executing their oldest <paramref name="decisionsPerAccount"/> decisions needs.
    /// </summary>
    public static async Task<ClaimedBatch> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxAccounts, int decisionsPerAccount,
        IReadOnlyCollection<string>? onlyAccounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var configs = new Dictionary<string, (AccountConfig Config, decimal Cash, TimeSpan Latency)>(StringComparer.Ordinal);
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = maxAccounts });
            claim.Parameters.Add(new NpgsqlParameter { Value = (object?)onlyAccounts?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var account = AccountSettings.Read(reader);
                configs[account.Config.AccountId] = account;
            }
        }

        if (configs.Count == 0)
        {
            return new ClaimedBatch([], new Dictionary<string, Quote>(), new Dictionary<string, InstrumentSpec>());
        }

        var accounts = configs.Keys.ToArray();
        var decisions = accounts.ToDictionary(a => a, _ => new List<PendingDecision>(), StringComparer.Ordinal);
        var positions = accounts.ToDictionary(a => a, _ => new List<Position>(), StringComparer.Ordinal);
        var quotes = new Dictionary<string, Quote>(StringComparer.Ordinal);
        var instruments = new Dictionary<string, InstrumentSpec>(StringComparer.Ordinal);

        await using var load = new NpgsqlBatch(connection, transaction);
        load.BatchCommands.Add(Command(DecisionsSql, accounts, decisionsPerAccount));
        load.BatchCommands.Add(Command(PositionsSql, (object)accounts));
        load.BatchCommands.Add(Command(MarketSql, accounts, decisionsPerAccount, now));
        load.BatchCommands.Add(Command(RiskStore.LimitsSql, (object)accounts));
        var limits = new Dictionary<string, List<RiskLimit>>(StringComparer.Ordinal);
        await using (var reader = await load.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                decisions[reader.GetString(1)].Add(ReadDecision(reader));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                positions[reader.GetString(0)].Add(new Position(
                    reader.GetString(1),
                    reader.GetString(2) == "long" ? PositionSide.Long : PositionSide.Short,
                    reader.GetDecimal(3),
                    reader.GetDecimal(4),
                    reader.GetDecimal(5),
                    reader.GetFieldValue<DateTimeOffset>(6)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var symbol = reader.GetString(0);
                instruments[symbol] = new InstrumentSpec(symbol, reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3));
                if (!reader.IsDBNull(4))
                {
                    quotes[symbol] = new Quote(symbol, reader.GetFieldValue<DateTimeOffset>(4), NullableDecimal(reader, 5),
                        NullableDecimal(reader, 6), NullableDecimal(reader, 7), NullableDecimal(reader, 8), NullableDecimal(reader, 9));
                }
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var account = reader.GetString(0);
                if (!limits.TryGetValue(account, out var list))
                {
                    limits[account] = list = [];
                }

                list.Add(RiskStore.ReadLimit(reader));
            }
        }

        var delayed = accounts.Where(a => configs[a].Latency > TimeSpan.Zero).ToList();
        if (delayed.Count > 0)
        {
            await ApplyLatencyAsync(connection, transaction, delayed.ToDictionary(a => a, a => (configs[a].Config, configs[a].Latency)),
                decisions, now, cancellationToken);
        }

        var risk = limits.Count == 0
            ? new Dictionary<string, AccountRisk>(StringComparer.Ordinal)
            : await RiskStore.LoadAsync(connection, transaction, limits, now, cancellationToken);
        var claimed = accounts
            .Select(a => new ClaimedAccount(configs[a].Config, configs[a].Cash, configs[a].Latency, positions[a], decisions[a])
            {
                Risk = risk.GetValueOrDefault(a),
            })
            .ToList();
        return new ClaimedBatch(claimed, quotes, instruments);
    }

    /// <summary>
    /// Gives each decision of a latency-simulating account its delayed quote. A decision whose target time has come
    /// but whose quote has not arrived waits (with every later decision of its account, to keep their order) until the
    /// quote arrives or the staleness bound has passed, after which the engine rejects it as stale.
    /// </summary>
    private static async Task ApplyLatencyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction,
        Dictionary<string, (AccountConfig Config, TimeSpan Latency)> accounts, Dictionary<string, List<PendingDecision>> decisions,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = accounts.Keys.SelectMany(a => decisions[a].Select(d => (Decision: d, Target: d.Request.CreatedAt + accounts[a].Latency))).ToList();
        var symbols = pending.ToDictionary(p => p.Decision.Request.Id, p => p.Decision.Request.Symbol);
        var found = new Dictionary<long, Quote>();
        await using (var command = new NpgsqlCommand(LatencyQuotesSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = pending.Select(p => p.Decision.Request.Id).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = pending.Select(p => p.Decision.Request.Symbol).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = pending.Select(p => p.Target.ToUniversalTime()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                found[id] = new Quote(symbols[id], reader.GetFieldValue<DateTimeOffset>(1), NullableDecimal(reader, 2), NullableDecimal(reader, 3),
                    NullableDecimal(reader, 4), NullableDecimal(reader, 5), NullableDecimal(reader, 6));
            }
        }

        foreach (var (account, (config, latency)) in accounts)
        {
            var ready = new List<PendingDecision>();
            foreach (var decision in decisions[account])
            {
                var target = decision.Request.CreatedAt + latency;
                if (found.TryGetValue(decision.Request.Id, out var quote))
                {
                    ready.Add(decision with { Request = decision.Request with { LatencyQuote = quote, LatencyTarget = target } });
                }
                else if (now - target > config.StalenessBound)
                {
                    ready.Add(decision);
                }
                else
                {
                    break;
                }
            }

            decisions[account].Clear();
            decisions[account].AddRange(ready);
        }
    }

    /// <summary>Writes the engine's results for the batch and marks every claimed decision terminal.</summary>
    public static Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, IReadOnlyList<BatchResult> results,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        BatchWriter.WriteAsync(connection, transaction, batch, results, now, cancellationToken);

    private static PendingDecision ReadDecision(NpgsqlDataReader reader)
    {
        var request = new DecisionRequest(
            reader.GetInt64(0),
            reader.GetString(2),
            reader.GetString(3) switch
            {
                "BUY" => DecisionAction.Buy,
                "SELL" => DecisionAction.Sell,
                "CLOSE" => DecisionAction.Close,
                _ => DecisionAction.Hold,
            },
            reader.GetDecimal(4),
            NullableDecimal(reader, 5),
            NullableDecimal(reader, 6),
            NullableDecimal(reader, 7),
            reader.GetString(8) switch
            {
                "limit" => OrderType.Limit,
                "stop" => OrderType.Stop,
                "stop_limit" => OrderType.StopLimit,
                "trailing_stop" => OrderType.TrailingStop,
                _ => OrderType.Market,
            },
            NullableDecimal(reader, 9),
            reader.GetFieldValue<DateTimeOffset>(10),
            Agent: NullableString(reader, 11));
        return new PendingDecision(request, NullableString(reader, 12), reader.GetInt32(13));
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    private static decimal? NullableDecimal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
