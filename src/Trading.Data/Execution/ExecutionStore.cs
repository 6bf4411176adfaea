using Npgsql;
using NpgsqlTypes;
using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders.Resting;
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
    // and must not wait for a batch in flight. An account has work when it has a pending decision, a pending cancel
    // request, or a working order that a newer quote (or its expiry) has reached. The account whose work has waited
    // longest goes first (a working order waits since the last quote it met), so no account starves.
    // The candidates come from the work itself, never from a scan of all accounts: a skip scan of the pending index
    // gives each account's oldest pending decision (one probe per account with work), the newest quote is looked up
    // once per symbol with working orders. Idle accounts cost a claim nothing.
    private static readonly string ClaimSql = $"""
        WITH RECURSIVE pending AS (
            (SELECT d.account, d.created_at FROM trading_decisions d WHERE d.status = 'pending' ORDER BY d.account, d.id LIMIT 1)
            UNION ALL
            SELECT n.account, n.created_at
            FROM pending p
            CROSS JOIN LATERAL (
                SELECT d.account, d.created_at FROM trading_decisions d
                WHERE d.status = 'pending' AND d.account > p.account
                ORDER BY d.account, d.id
                LIMIT 1
            ) n
        ), latest AS MATERIALIZED (
            SELECT s.symbol, (SELECT max(m.time) FROM market_prices m WHERE m.symbol = s.symbol AND m.time <= $3) AS time
            FROM (SELECT DISTINCT o.symbol FROM paper_orders o WHERE o.status IN {SqlText.WorkingOrderStatuses}) s
        ), work AS (
            SELECT account, created_at AS since FROM pending
            UNION ALL
            SELECT c.account, c.requested_at FROM paper_cancel_requests c WHERE c.status = 'pending'
            UNION ALL
            SELECT o.account, LEAST(GREATEST(o.evaluated_through, m.evaluated_through), o.expires_at)
            FROM paper_orders o
            JOIN latest l ON l.symbol = o.symbol
            LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
            WHERE o.status IN {SqlText.WorkingOrderStatuses}
              AND (o.expires_at <= $3 OR GREATEST(o.evaluated_through, m.evaluated_through) < l.time)
        ), candidates AS (
            SELECT account, min(since) AS since FROM work
            WHERE $2::text[] IS NULL OR account = ANY ($2)
            GROUP BY account
        )
        SELECT {AccountSettings.Columns},
               EXISTS (SELECT 1 FROM paper_cancel_requests c WHERE c.account = a.account AND c.status = 'pending')
        FROM candidates w
        JOIN accounts a ON a.account = w.account
        ORDER BY w.since, a.account
        LIMIT $1
        FOR NO KEY UPDATE OF a SKIP LOCKED
        """;

    // Cancel requests that need no matching are answered here, before the decisions are read: a pending decision is
    // canceled outright; a request for an order that is not working (filled, canceled, unknown, another account's) is
    // refused with the reason. Requests for working orders stay pending for the engine, which applies them at their
    // time between the quotes.
    private static readonly string ResolveCancelsSql = $"""
        WITH req AS (
            SELECT c.request_id, c.account, c.order_id, c.decision_id,
                   d.account AS d_account, d.status AS d_status, o.account AS o_account, o.status AS o_status
            FROM paper_cancel_requests c
            LEFT JOIN trading_decisions d ON d.id = c.decision_id
            LEFT JOIN paper_orders o ON o.order_id = c.order_id
            WHERE c.account = ANY ($1) AND c.status = 'pending'
        ), canceled AS (
            UPDATE trading_decisions d
            SET status = 'canceled', status_reason = 'canceled by request ' || r.request_id, processed_at = clock_timestamp()
            FROM req r
            WHERE d.id = r.decision_id AND d.account = r.account AND d.status = 'pending'
            RETURNING d.id, r.request_id
        )
        UPDATE paper_cancel_requests c
        SET status = CASE WHEN EXISTS (SELECT 1 FROM canceled x WHERE x.request_id = r.request_id) THEN 'done' ELSE 'rejected' END,
            outcome = CASE
                WHEN EXISTS (SELECT 1 FROM canceled x WHERE x.request_id = r.request_id) THEN 'decision ' || r.decision_id || ' canceled'
                WHEN r.decision_id IS NOT NULL AND r.d_account IS NULL THEN 'there is no decision ' || r.decision_id
                WHEN r.decision_id IS NOT NULL AND r.d_account IS DISTINCT FROM r.account
                    THEN 'decision ' || r.decision_id || ' is not a decision of account ' || r.account
                -- Still pending in this snapshot yet not canceled by this request: an earlier request in the batch did it.
                WHEN r.decision_id IS NOT NULL AND r.d_status = 'pending' THEN 'decision ' || r.decision_id || ' is already canceled'
                WHEN r.decision_id IS NOT NULL THEN 'decision ' || r.decision_id || ' is already ' || r.d_status
                WHEN r.o_account IS NULL THEN 'there is no order ' || r.order_id
                WHEN r.o_account IS DISTINCT FROM r.account THEN 'order ' || r.order_id || ' is not an order of account ' || r.account
                ELSE 'order ' || r.order_id || ' is already ' || r.o_status
            END,
            processed_at = clock_timestamp()
        FROM req r
        WHERE c.request_id = r.request_id
          AND (r.decision_id IS NOT NULL OR r.o_account IS DISTINCT FROM r.account OR r.o_status NOT IN {SqlText.WorkingOrderStatuses})
        """;

    private const string CancelsSql = """
        SELECT c.request_id, c.account, c.order_id, c.requested_at
        FROM paper_cancel_requests c
        WHERE c.account = ANY ($1) AND c.status = 'pending'
        ORDER BY c.request_id
        """;

    // The working orders, with what their decision asked for: the agent, strategy and login (limits, attribution) and, for
    // an entry that has not filled yet, the exits to attach when it does.
    private static readonly string OrdersSql = $"""
        SELECT o.order_id, o.account, o.symbol, o.side, o.order_type, o.time_in_force, o.quantity, o.filled_quantity,
               o.avg_fill_price, o.limit_price, o.stop_price, o.trailing_offset, o.trailing_is_percent, o.best_price,
               o.triggered, o.expires_at, o.created_at, o.oco_group, o.parent_decision_id, o.role, o.reduce_only,
               GREATEST(o.evaluated_through, m.evaluated_through), o.status, o.reason, d.agent, d.strategy, d.stop_loss, d.take_profit,
               CASE WHEN d.order_type <> 'trailing_stop' THEN d.trailing_offset END, d.exit_unit, d.login
        FROM paper_orders o
        LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
        LEFT JOIN trading_decisions d ON d.id = o.parent_decision_id
        WHERE o.account = ANY ($1) AND o.status IN {SqlText.WorkingOrderStatuses}
        ORDER BY o.order_id
        """;

    // The quotes each symbol's working orders have not met yet, oldest first, up to the execution time. A long path
    // (after downtime) is taken in slices: the orders stay due and the next batch goes on from where this one stopped.
    private static readonly string PathSql = $"""
        WITH w AS (
            SELECT o.symbol, min(GREATEST(o.evaluated_through, m.evaluated_through)) AS since
            FROM paper_orders o
            LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
            WHERE o.account = ANY ($1) AND o.status IN {SqlText.WorkingOrderStatuses}
            GROUP BY o.symbol
        )
        SELECT q.symbol, q.time, q.bid, q.ask, q.last, q.bid_size, q.ask_size
        FROM w
        CROSS JOIN LATERAL (
            SELECT m.symbol, m.time, m.bid, m.ask, m.last, m.bid_size, m.ask_size FROM market_prices m
            WHERE m.symbol = w.symbol AND m.time > w.since AND m.time <= $2
            ORDER BY m.time
            LIMIT $3
        ) q
        ORDER BY q.time, q.symbol
        """;

    /// <summary>The most quotes per symbol one batch matches working orders against.</summary>
    public const int PathSliceLength = 5000;

    private const string DecisionsSql = """
        SELECT d.id, d.account, d.symbol, d.decision, d.confidence, d.risk_score, d.quantity, d.notional, d.order_type,
               d.current_price, d.created_at, d.agent, d.strategy, d.attempts, d.limit_price, d.stop_price, d.trailing_offset,
               d.time_in_force, d.expires_at, d.stop_loss, d.take_profit, d.exit_unit, d.price_as_of, d.login
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

    // The newest quote at or before the execution time, per symbol the batch trades or holds: one index probe each. The
    // execution time is the claim's clock, or the newest creation among the decisions it executes if that is later (a
    // decision committed between the clock and this statement's snapshot): no fill precedes its decision. It is
    // returned with every row so the engine executes at exactly the time the quotes were chosen for.
    private static readonly string MarketSql = $"""
        WITH pending AS MATERIALIZED (
            SELECT d.symbol, d.created_at
            FROM unnest($1::text[]) AS a(account)
            CROSS JOIN LATERAL (
                SELECT d.symbol, d.created_at FROM trading_decisions d
                WHERE d.account = a.account AND d.status = 'pending' ORDER BY d.id LIMIT $2
            ) d
        ), bound AS MATERIALIZED (
            SELECT GREATEST($3, (SELECT max(created_at) FROM pending)) AS time
        ), symbols AS (
            SELECT symbol FROM pending
            UNION
            SELECT p.symbol FROM paper_positions p WHERE p.account = ANY ($1)
            UNION
            SELECT o.symbol FROM paper_orders o WHERE o.account = ANY ($1) AND o.status IN {SqlText.WorkingOrderStatuses}
        )
        SELECT i.symbol, i.tick_size, i.lot_size, i.min_notional, q.time, q.bid, q.ask, q.last, q.bid_size, q.ask_size, b.time
        FROM symbols s
        CROSS JOIN bound b
        JOIN instruments i ON i.symbol = s.symbol
        LEFT JOIN LATERAL (
            SELECT m.time, m.bid, m.ask, m.last, m.bid_size, m.ask_size FROM market_prices m
            WHERE m.symbol = s.symbol AND m.time <= b.time
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
    /// loads what executing their oldest <paramref name="decisionsPerAccount"/> decisions needs. The batch's execution
    /// time (<see cref="ClaimedBatch.Now"/>) is read once the accounts are locked and is never earlier than a claimed
    /// decision's creation: a claim that waited on a lock cannot fill at a quote superseded while it waited.
    /// </summary>
    /// <exception cref="ClaimFailedException">Loading failed after accounts were locked; says which, and the decisions read.</exception>
    public static async Task<ClaimedBatch> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxAccounts, int decisionsPerAccount,
        IReadOnlyCollection<string>? onlyAccounts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var taken = new ClaimProgress();
        try
        {
            return await ClaimLoadAsync(connection, transaction, maxAccounts, decisionsPerAccount, onlyAccounts, time, taken, cancellationToken);
        }
        catch (Exception e) when (taken.Accounts.Count > 0 && e is not OperationCanceledException)
        {
            // Whatever failed (a value the engine cannot read, a transient error), the caller must know what was held:
            // a deterministic failure is then isolated to its account like a failed batch, not retried blindly forever.
            throw new ClaimFailedException([.. taken.Accounts], [.. taken.DecisionIds], e);
        }
    }

    /// <summary>What a claim has locked and read so far.</summary>
    private sealed class ClaimProgress
    {
        public List<string> Accounts { get; } = [];

        public List<long> DecisionIds { get; } = [];
    }

    private static async Task<ClaimedBatch> ClaimLoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxAccounts, int decisionsPerAccount,
        IReadOnlyCollection<string>? onlyAccounts, TimeProvider time, ClaimProgress taken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow(); // which accounts have work: working orders reached by quotes up to now
        var configs = new Dictionary<string, (AccountConfig Config, decimal Cash, TimeSpan Latency)>(StringComparer.Ordinal);
        var anyCancels = false;
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = maxAccounts });
            claim.Parameters.Add(new NpgsqlParameter { Value = (object?)onlyAccounts?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            claim.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                taken.Accounts.Add(reader.GetString(0)); // before the settings: a row that cannot be read names its account
                var account = AccountSettings.Read(reader);
                configs[account.Config.AccountId] = account;
                anyCancels |= reader.GetBoolean(AccountSettings.Count);
            }
        }

        if (configs.Count == 0)
        {
            return new ClaimedBatch([], new Dictionary<string, Quote>(), new Dictionary<string, InstrumentSpec>(), []) { Now = now };
        }

        // The claim may have waited on a lock: what it executes happens now, not when it started looking.
        now = Max(now, time.GetUtcNow());

        var accounts = configs.Keys.ToArray();
        var decisions = accounts.ToDictionary(a => a, _ => new List<PendingDecision>(), StringComparer.Ordinal);
        var positions = accounts.ToDictionary(a => a, _ => new List<Position>(), StringComparer.Ordinal);
        var quotes = new Dictionary<string, Quote>(StringComparer.Ordinal);
        var instruments = new Dictionary<string, InstrumentSpec>(StringComparer.Ordinal);

        var orders = accounts.ToDictionary(a => a, _ => new List<RestingOrder>(), StringComparer.Ordinal);
        var cancels = accounts.ToDictionary(a => a, _ => new List<CancelRequest>(), StringComparer.Ordinal);
        var path = new List<Quote>();

        // The working orders are always read after the lock (a flag from the claim's snapshot could miss orders a batch
        // committed just before this one took the lock, and their exits would outlive a position this batch closes);
        // their cancel requests and quote path cost a second round trip only when there are any. A cancel request the
        // claim's snapshot missed is answered by the next batch.
        await using var load = new NpgsqlBatch(connection, transaction);
        if (anyCancels)
        {
            load.BatchCommands.Add(Command(ResolveCancelsSql, (object)accounts)); // no rows: the reader skips it
        }

        load.BatchCommands.Add(Command(DecisionsSql, accounts, decisionsPerAccount));
        load.BatchCommands.Add(Command(PositionsSql, (object)accounts));
        load.BatchCommands.Add(Command(MarketSql, accounts, decisionsPerAccount, now));
        load.BatchCommands.Add(Command(RiskStore.LimitsSql, (object)accounts));
        load.BatchCommands.Add(Command(OrdersSql, (object)accounts));

        var limits = new Dictionary<string, List<RiskLimit>>(StringComparer.Ordinal);
        await using (var reader = await load.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                taken.DecisionIds.Add(reader.GetInt64(0));
                decisions[reader.GetString(1)].Add(ReadDecision(reader));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                positions[reader.GetString(0)].Add(new Position(
                    reader.GetString(1),
                    SqlText.PositionSides.Parse(reader.GetString(2)),
                    reader.GetDecimal(3),
                    reader.GetDecimal(4),
                    reader.GetDecimal(5),
                    reader.GetFieldValue<DateTimeOffset>(6)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var symbol = reader.GetString(0);
                now = Max(now, reader.GetFieldValue<DateTimeOffset>(10));
                instruments[symbol] = new InstrumentSpec(symbol, reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3));
                if (!reader.IsDBNull(4))
                {
                    quotes[symbol] = ReadQuote(reader, symbol, 4);
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

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var order = OrderRows.Read(reader);
                orders[order.AccountId].Add(order);
            }
        }

        if (orders.Values.Any(o => o.Count > 0))
        {
            await using var book = new NpgsqlBatch(connection, transaction);
            book.BatchCommands.Add(Command(CancelsSql, (object)accounts));
            book.BatchCommands.Add(Command(PathSql, accounts, now, PathSliceLength));
            await using var reader = await book.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                cancels[reader.GetString(1)].Add(new CancelRequest(reader.GetInt64(0), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                path.Add(ReadQuote(reader, reader.GetString(0), 1));
            }
        }

        var delayed = accounts.Where(a => configs[a].Latency > TimeSpan.Zero || decisions[a].Any(d => d.PriceAsOf is not null)).ToList();
        if (delayed.Count > 0)
        {
            await ApplyLatencyAsync(connection, transaction, delayed.ToDictionary(a => a, a => (configs[a].Config, configs[a].Latency)),
                decisions, now, cancellationToken);
        }

        var risk = limits.Count == 0
            ? new Dictionary<string, AccountRisk>(StringComparer.Ordinal)
            : await RiskStore.LoadAsync(connection, transaction, limits, now, cancellationToken);
        // A decision the market read's snapshot no longer counted among the first per account (an older id committed
        // late) still executes no earlier than its creation.
        foreach (var decision in decisions.Values.SelectMany(d => d))
        {
            now = Max(now, decision.Request.CreatedAt);
        }

        var claimed = accounts
            .Select(a => new ClaimedAccount(configs[a].Config, configs[a].Cash, configs[a].Latency, positions[a], decisions[a])
            {
                Risk = risk.GetValueOrDefault(a),
                OpenOrders = orders[a],
                Cancels = cancels[a],
            })
            .ToList();
        var cut = path.GroupBy(q => q.Symbol, StringComparer.Ordinal).Where(g => g.Count() >= PathSliceLength).Select(g => g.Max(q => q.Time)).ToList();
        return new ClaimedBatch(claimed, quotes, instruments, path)
        {
            Now = now,
            PathCompleteThrough = cut.Count == 0 ? null : cut.Min(),
        };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private const string PendingIdsSql = """
        SELECT d.id
        FROM unnest($1::text[]) AS a(account)
        CROSS JOIN LATERAL (
            SELECT d.id FROM trading_decisions d WHERE d.account = a.account AND d.status = 'pending' ORDER BY d.id LIMIT $2
        ) d
        ORDER BY d.id
        """;

    /// <summary>The oldest pending decisions of the accounts (those a claim of them would execute), outside any claim.</summary>
    public static async Task<IReadOnlyList<long>> PendingDecisionIdsAsync(
        NpgsqlConnection connection, IReadOnlyList<string> accounts, int perAccount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        await using var command = new NpgsqlCommand(PendingIdsSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = accounts.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perAccount });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
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
        var pending = accounts.Keys
            .SelectMany(a => decisions[a].Where(d => Delayed(d, accounts[a].Latency)).Select(d => (Decision: d, Target: d.PriceClock + accounts[a].Latency)))
            .ToList();
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
                found[id] = ReadQuote(reader, symbols[id], 1);
            }
        }

        foreach (var (account, (config, latency)) in accounts)
        {
            var ready = new List<PendingDecision>();
            foreach (var decision in decisions[account])
            {
                if (!Delayed(decision, latency))
                {
                    ready.Add(decision); // priced by the newest quote at execution, like any decision of an undelayed account
                    continue;
                }

                var target = decision.PriceClock + latency;
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

    /// <summary>Whether a decision is priced by the first quote after its price clock rather than the newest quote.</summary>
    private static bool Delayed(PendingDecision decision, TimeSpan latency) => latency > TimeSpan.Zero || decision.PriceAsOf is not null;

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
            SqlText.Actions.Parse(reader.GetString(3)),
            reader.GetDecimal(4),
            NullableDecimal(reader, 5),
            NullableDecimal(reader, 6),
            NullableDecimal(reader, 7),
            SqlText.OrderTypes.Parse(reader.GetString(8)),
            NullableDecimal(reader, 9),
            reader.GetFieldValue<DateTimeOffset>(10),
            Agent: NullableString(reader, 11),
            Login: NullableString(reader, 23),
            Strategy: NullableString(reader, 12));
        var percent = reader.GetString(21) == "percent";
        var trailing = OrderRows.Level(NullableDecimal(reader, 16), percent);
        var isTrailingOrder = request.OrderType == OrderType.TrailingStop;
        request = request with
        {
            LimitPrice = NullableDecimal(reader, 14),
            StopPrice = NullableDecimal(reader, 15),
            TrailingOffset = isTrailingOrder ? trailing : null,
            TimeInForce = SqlText.TimesInForce.Parse(reader.GetString(17)),
            ExpiresAt = reader.IsDBNull(18) ? null : reader.GetFieldValue<DateTimeOffset>(18),
            Bracket = OrderRows.Bracket(NullableDecimal(reader, 19), NullableDecimal(reader, 20), isTrailingOrder ? null : trailing, percent),
        };
        return new PendingDecision(request, NullableString(reader, 12), reader.GetInt32(13),
            reader.IsDBNull(22) ? null : reader.GetFieldValue<DateTimeOffset>(22));
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

    /// <summary>A quote from the columns time, bid, ask, last, bid_size, ask_size starting at <paramref name="first"/>.</summary>
    private static Quote ReadQuote(NpgsqlDataReader reader, string symbol, int first) =>
        new(symbol, reader.GetFieldValue<DateTimeOffset>(first), NullableDecimal(reader, first + 1), NullableDecimal(reader, first + 2),
            NullableDecimal(reader, first + 3), NullableDecimal(reader, first + 4), NullableDecimal(reader, first + 5));

    internal static decimal? NullableDecimal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);

    internal static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
