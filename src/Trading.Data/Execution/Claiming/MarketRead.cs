using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.MarketData;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// Step 3 of a claim, the market: the newest quote and the instrument of every symbol the accounts trade or hold (which
/// also fixes the execution time), and the quote path their working orders have not met yet.
/// </summary>
internal static class MarketRead
{
    /// <summary>The most quotes per symbol one batch matches working orders against.</summary>
    public const int PathSliceLength = 5000;

    /// <summary>
    /// The first pending decisions of each locked account ($1), as many as the batch executes ($2), with the account's
    /// liquidity model, staleness bound and latency, and the execution time they imply: the claim's clock ($3), or the newest creation among those
    /// decisions if that is later (a decision committed between the clock and the statement's snapshot), so no fill
    /// precedes its decision. Every statement of the load batch that depends on the execution time starts from it.
    /// </summary>
    public const string PendingCte = """
        pending AS MATERIALIZED (
            SELECT a.account, a.liquidity_model, a.staleness_bound, a.latency, d.symbol, d.created_at, d.price_as_of
            FROM accounts a
            CROSS JOIN LATERAL (
                SELECT d.symbol, d.created_at, d.price_as_of FROM trading_decisions d
                WHERE d.account = a.account AND d.status = 'pending' ORDER BY d.id LIMIT $2
            ) d
            WHERE a.account = ANY ($1)
        ), bound AS MATERIALIZED (
            SELECT GREATEST($3, (SELECT max(created_at) FROM pending)) AS time
        )
        """;

    // The newest quote at or before the execution time, per symbol the batch trades or holds: one index probe each. The
    // execution time is returned with every row so the engine executes at exactly the time the quotes were chosen for.
    public static readonly string LatestSql = $"""
        WITH {PendingCte}, symbols AS (
            SELECT symbol FROM pending
            UNION
            SELECT p.symbol FROM paper_positions p WHERE p.account = ANY ($1)
            UNION
            SELECT o.symbol FROM paper_orders o WHERE o.account = ANY ($1) AND o.status IN {SqlText.WorkingOrderStatuses}
        )
        SELECT i.symbol, i.tick_size, i.lot_size, i.min_notional, q.time, q.bid, q.ask, q.last, q.bid_size, q.ask_size,
               b.time AS execution_time
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

    // The quotes each symbol's working orders have not met yet, oldest first, up to the execution time. A long path
    // (after downtime) is taken in slices: the orders stay due and the next batch goes on from where this one stopped.
    public static readonly string PathSql = $"""
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

    public static async Task ReadLatestAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var symbol = row.Text("symbol");
            state.NotBefore(row.Time("execution_time"));
            state.Instruments[symbol] = new InstrumentSpec(symbol, row.Decimal("tick_size"), row.Decimal("lot_size"), row.Decimal("min_notional"));
            if (!row.IsNull("time"))
            {
                state.Quotes[symbol] = QuoteRows.Read(row, symbol);
            }
        }
    }

    public static async Task ReadPathAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            state.Path.Add(QuoteRows.Read(row, row.Text("symbol")));
        }
    }

    /// <summary>When a symbol's path was cut at <see cref="PathSliceLength"/> quotes: the time every path is complete up to.</summary>
    public static DateTimeOffset? CompleteThrough(IReadOnlyList<Quote> path)
    {
        var cut = path.GroupBy(q => q.Symbol, StringComparer.Ordinal).Where(g => g.Count() >= PathSliceLength).Select(g => g.Max(q => q.Time)).ToList();
        return cut.Count == 0 ? null : cut.Min();
    }
}
