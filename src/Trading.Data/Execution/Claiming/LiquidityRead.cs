using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// What the fill models need beyond the quotes. For the accounts that walk books, read in the claim's load batch (no
/// round trip of its own): the newest depth snapshot of each symbol they decide on, and what they took from the books the
/// batch may walk again (so no size is reused across batches). For the accounts under sqrt_impact, a round trip of its
/// own (none when no claimed decision needs it): the one-minute bars of the hour before the execution time of the
/// symbols they decide on or work orders in.
/// </summary>
internal static class LiquidityRead
{
    // The newest snapshot at or before the execution time of each symbol a book-walking account decides on: one probe
    // of the primary key per symbol, then its rows. Parameters as MarketRead.PendingCte's.
    public static readonly string DepthSql = $"""
        WITH {MarketRead.PendingCte}
        SELECT d.symbol, d.time, d.side, d.price, d.size
        FROM (SELECT DISTINCT p.symbol FROM pending p WHERE p.liquidity_model = 'book') s
        CROSS JOIN bound b
        CROSS JOIN LATERAL (SELECT max(m.time) AS time FROM market_depth m WHERE m.symbol = s.symbol AND m.time <= b.time) n
        JOIN market_depth d ON d.symbol = s.symbol AND d.time = n.time
        ORDER BY d.symbol, d.side, d.level
        """;

    // A walk takes from the newest depth snapshot (when it is no newer than the quote) or from the synthetic book of the
    // newest quote, so no book the batch walks is older than the older of the two, nor older than the quote by more than
    // the staleness bound. Fills on a book are made at or after its time, so the (account, filled_at) index bounds the
    // scan to the fills since then: a handful, however long the account has traded.
    public static readonly string TakenSql = $"""
        WITH {MarketRead.PendingCte}, books AS (
            SELECT w.account, w.symbol, GREATEST(LEAST(q.time, n.time), q.time - w.staleness_bound) AS since
            FROM (SELECT DISTINCT p.account, p.symbol, p.staleness_bound FROM pending p WHERE p.liquidity_model = 'book') w
            CROSS JOIN bound b
            CROSS JOIN LATERAL (SELECT max(m.time) AS time FROM market_prices m WHERE m.symbol = w.symbol AND m.time <= b.time) q
            CROSS JOIN LATERAL (SELECT max(m.time) AS time FROM market_depth m WHERE m.symbol = w.symbol AND m.time <= b.time) n
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
        var levels = new Dictionary<string, (DateTimeOffset Time, List<BookLevel> Bids, List<BookLevel> Asks)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var symbol = row.Text("symbol");
            if (!levels.TryGetValue(symbol, out var book))
            {
                levels[symbol] = book = (row.Time("time"), [], []);
            }

            var level = new BookLevel(row.Decimal("price"), row.Decimal("size"));
            (row.Text("side") == "bid" ? book.Bids : book.Asks).Add(level);
        }

        foreach (var (symbol, book) in levels)
        {
            state.DepthBooks[symbol] = new OrderBook(symbol, book.Time, book.Bids, book.Asks);
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
