using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// What the fill models need beyond the quotes. For the accounts that walk books, read in the claim's load batch (no
/// round trip of its own): the depth snapshots of the symbols they decide on or work orders in, from the one in force at
/// the earliest quote the batch may walk to the execution time, and what they took from those books earlier (so no size
/// is reused across batches). For the accounts under sqrt_impact, a round trip of its own (none when no claimed decision
/// or working order needs it): the one-minute bars of the hour before the execution time.
/// </summary>
internal static class LiquidityRead
{
    // Where and from when book-walking accounts may take liquidity in this batch: the symbols of their pending decisions,
    // from the execution time (an arrival) or, for a delayed decision, from its price moment plus the account's latency
    // (its quote is the first at or after that; a fault's extra delay only moves it later); the symbols of their working
    // orders, from the quote they last met (their path goes on after it). Per symbol, the quote in force at the oldest of
    // those moments (quote_from) and the depth snapshot in force at that quote (depth_from): no walk of the batch takes an
    // older book. Parameters as MarketRead.PendingCte's.
    private static readonly string WalksCte = $"""
        {MarketRead.PendingCte}, walks AS (
            SELECT p.account, p.symbol, p.staleness_bound,
                   min(CASE WHEN p.latency > interval '0' OR p.price_as_of IS NOT NULL
                            THEN LEAST(b.time, COALESCE(p.price_as_of, p.created_at) + p.latency) ELSE b.time END) AS since
            FROM pending p CROSS JOIN bound b
            WHERE p.liquidity_model = 'book'
            GROUP BY p.account, p.symbol, p.staleness_bound
            UNION ALL
            SELECT o.account, o.symbol, a.staleness_bound, min(GREATEST(o.evaluated_through, m.evaluated_through))
            FROM accounts a
            JOIN paper_orders o ON o.account = a.account
            LEFT JOIN paper_order_marks m ON m.account = o.account AND m.symbol = o.symbol
            WHERE a.account = ANY ($1) AND a.liquidity_model = 'book' AND o.status IN {SqlText.WorkingOrderStatuses}
            GROUP BY o.account, o.symbol, a.staleness_bound
        ), starts AS MATERIALIZED (
            SELECT s.symbol, q.time AS quote_from, COALESCE(n.time, q.time, s.since) AS depth_from
            FROM (SELECT symbol, min(since) AS since FROM walks GROUP BY symbol) s
            CROSS JOIN LATERAL (SELECT max(m.time) AS time FROM market_prices m WHERE m.symbol = s.symbol AND m.time <= s.since) q
            CROSS JOIN LATERAL (SELECT max(m.time) AS time FROM market_depth m
                                WHERE m.symbol = s.symbol AND m.time <= COALESCE(q.time, s.since)) n
        )
        """;

    // Every snapshot from depth_from to the execution time: one when the batch meets one quote (a range of the primary key).
    public static readonly string DepthSql = $"""
        WITH {WalksCte}
        SELECT d.symbol, d.time, d.side, d.price, d.size
        FROM starts s
        CROSS JOIN bound b
        JOIN market_depth d ON d.symbol = s.symbol AND d.time >= s.depth_from AND d.time <= b.time
        ORDER BY d.symbol, d.time, d.side, d.level
        """;

    // A depth book is walked only within the staleness bound of its quote, so no book the batch walks is older than
    // depth_from nor than quote_from less that bound. Fills on a book are made at or after its time, so the (account,
    // filled_at) index bounds the scan to the fills since then: a handful, however long the account has traded.
    public static readonly string TakenSql = $"""
        WITH {WalksCte}, books AS (
            SELECT DISTINCT w.account, w.symbol, GREATEST(s.depth_from, s.quote_from - w.staleness_bound) AS since
            FROM walks w JOIN starts s ON s.symbol = w.symbol
        )
        SELECT f.account, f.symbol, f.side, f.book_time, f.reference_price, sum(f.quantity) AS quantity
        FROM books k
        JOIN paper_fills f ON f.account = k.account AND f.symbol = k.symbol AND f.filled_at >= k.since AND f.book_time >= k.since
        WHERE f.book IN ('depth', 'synthetic')
        GROUP BY f.account, f.symbol, f.side, f.book_time, f.reference_price
        """;

    // strategy_bars' closed bars; where the quotes carry no volume, the prints traded in the bar.
    private const string BarsSql = """
        SELECT s.symbol, b.open_time, b.close,
               COALESCE(NULLIF(b.volume, 0), (SELECT sum(t.size) FROM market_trades t
                                              WHERE t.symbol = s.symbol AND t.time >= b.open_time AND t.time < b.open_time + $3)) AS volume
        FROM unnest($1::text[]) AS s(symbol)
        CROSS JOIN LATERAL strategy_bars(s.symbol, $3, $2 - $4, $2) b
        ORDER BY s.symbol, b.open_time
        """;

    /// <summary>The σ/V estimates of the sqrt_impact accounts (a round trip when any claimed decision or working order needs them).</summary>
    public static async Task ApplyImpactAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimState state, CancellationToken cancellationToken)
    {
        var impacted = Symbols(state, c => c.SlippageModel is SquareRootImpact);
        if (impacted.Count == 0)
        {
            return;
        }

        await using var read = new NpgsqlBatch(connection, transaction);
        read.BatchCommands.Add(ClaimLoader.Command(BarsSql, impacted.Values.SelectMany(s => s).Distinct().ToArray(), state.Now.ToUniversalTime(), ImpactWindow.Interval, ImpactWindow.Interval * ImpactWindow.Bars));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await ReadBarsAsync(reader, state, impacted, cancellationToken);
    }

    /// <summary>The symbols each account whose config matches has claimed decisions or working orders in (a stop being a taker too).</summary>
    private static Dictionary<string, HashSet<string>> Symbols(ClaimState state, Func<Engine.Execution.AccountConfig, bool> uses) =>
        state.AccountNames
            .Where(a => uses(state.Accounts[a].Config))
            .ToDictionary(
                a => a,
                a => state.Decisions[a].Select(d => d.Request.Symbol).Concat(state.Orders[a].Select(o => o.Symbol)).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal)
            .Where(p => p.Value.Count > 0)
            .ToDictionary(StringComparer.Ordinal);

    public static async Task ReadDepthAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        var snapshots = new List<(string Symbol, DateTimeOffset Time, List<BookLevel> Bids, List<BookLevel> Asks)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (symbol, time) = (row.Text("symbol"), row.Time("time"));
            if (snapshots.Count == 0 || snapshots[^1].Symbol != symbol || snapshots[^1].Time != time)
            {
                snapshots.Add((symbol, time, [], []));
            }

            var level = new BookLevel(row.Decimal("price"), row.Decimal("size"));
            (row.Text("side") == "bid" ? snapshots[^1].Bids : snapshots[^1].Asks).Add(level);
        }

        foreach (var books in snapshots.GroupBy(b => b.Symbol, StringComparer.Ordinal))
        {
            state.DepthBooks[books.Key] = [.. books.Select(b => new OrderBook(b.Symbol, b.Time, b.Bids, b.Asks))];
        }
    }

    public static async Task ReadTakenAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var side = SqlText.Sides.Parse(row.Text("side"));
            state.Ledger(row.Text("account")).Record(row.Text("symbol"), row.Time("book_time"), side, row.Decimal("reference_price"), row.Decimal("quantity"));
        }
    }

    private static async Task ReadBarsAsync(
        NpgsqlDataReader reader, ClaimState state, Dictionary<string, HashSet<string>> impacted, CancellationToken cancellationToken)
    {
        var row = new NamedColumns(reader);
        var bars = new Dictionary<string, List<MarketObservation>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var symbol = row.Text("symbol");
            if (!bars.TryGetValue(symbol, out var series))
            {
                bars[symbol] = series = [];
            }

            series.Add(new MarketObservation(row.Time("open_time"), row.Decimal("close"), row.NullableDecimal("volume")));
        }

        var estimates = new Dictionary<string, ImpactEstimate>(StringComparer.Ordinal);
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var symbol in impacted.Values.SelectMany(s => s).Distinct())
        {
            ImpactWindow.Add(symbol, bars.GetValueOrDefault(symbol, []), estimates, missing);
        }

        foreach (var account in impacted.Keys)
        {
            var (config, cash, latency) = state.Accounts[account];
            state.Accounts[account] = (config with { SlippageModel = ((SquareRootImpact)config.SlippageModel).With(estimates, missing) }, cash, latency);
        }
    }
}
