using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// Step 5 of a claim, what the fill models need beyond the quotes, for the accounts whose models use it (one round
/// trip, none when no claimed decision or working order needs it): the depth snapshots of each symbol that book-walking
/// accounts decide on or work orders in (a stop or a limit a later quote reaches walks them too), from the one in force
/// at the symbol's earliest quote of the batch to the newest, what those accounts took from books still fresh enough to
/// be walked again (so no size is reused across batches), and the one-minute bars of the hour before the execution time of the symbols sqrt_impact accounts decide on
/// or work orders in.
/// </summary>
internal static class LiquidityRead
{
    // The snapshot in force at each symbol's earliest quote of the batch ($3) and every later one up to the execution
    // time: one probe of the primary key per symbol, then a range of it (one snapshot when the batch meets one quote).
    private const string DepthSql = """
        SELECT d.symbol, d.time, d.side, d.price, d.size
        FROM unnest($1::text[], $3::timestamptz[]) AS s(symbol, since)
        CROSS JOIN LATERAL (SELECT max(m.time) AS time FROM market_depth m WHERE m.symbol = s.symbol AND m.time <= s.since) n
        JOIN market_depth d ON d.symbol = s.symbol AND d.time >= COALESCE(n.time, s.since) AND d.time <= $2
        ORDER BY d.symbol, d.time, d.side, d.level
        """;

    // Fills on a book are made at or after its time, so the (account, filled_at) index bounds the scan.
    private const string TakenSql = """
        SELECT f.account, f.symbol, f.side, f.book_time, f.reference_price, sum(f.quantity) AS quantity
        FROM paper_fills f
        WHERE f.account = ANY ($1) AND f.filled_at >= $2 AND f.book_time >= $2 AND f.book IN ('depth', 'synthetic')
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

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimState state, CancellationToken cancellationToken)
    {
        var walking = Symbols(state, c => c.Liquidity.Model == LiquidityModel.Book, workingToo: true);
        var impacted = Symbols(state, c => c.SlippageModel is SquareRootImpact, workingToo: true);
        if (walking.Count == 0 && impacted.Count == 0)
        {
            return;
        }

        var now = state.Now.ToUniversalTime();
        await using var read = new NpgsqlBatch(connection, transaction);
        if (walking.Count > 0)
        {
            var oldest = now - walking.Keys.Max(a => state.Accounts[a].Config.StalenessBound);
            var symbols = walking.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToArray();
            var earliest = EarliestQuotes(state);
            var since = Array.ConvertAll(symbols, s => (earliest.TryGetValue(s, out var t) && t < now ? t : now).ToUniversalTime());
            read.BatchCommands.Add(ClaimLoader.Command(DepthSql, symbols, now, since));
            read.BatchCommands.Add(ClaimLoader.Command(TakenSql, walking.Keys.ToArray(), oldest));
        }

        if (impacted.Count > 0)
        {
            read.BatchCommands.Add(ClaimLoader.Command(BarsSql, impacted.Values.SelectMany(s => s).Distinct().ToArray(), now, ImpactWindow.Interval, ImpactWindow.Interval * ImpactWindow.Bars));
        }

        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (walking.Count > 0)
        {
            await ReadDepthAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await ReadTakenAsync(reader, state, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
        }

        if (impacted.Count > 0)
        {
            await ReadBarsAsync(reader, state, impacted, cancellationToken);
        }
    }

    /// <summary>The symbols each account whose config matches has claimed decisions in (and working orders, which may take liquidity too).</summary>
    private static Dictionary<string, HashSet<string>> Symbols(ClaimState state, Func<Engine.Execution.AccountConfig, bool> uses, bool workingToo) =>
        state.AccountNames
            .Where(a => uses(state.Accounts[a].Config))
            .ToDictionary(
                a => a,
                a => state.Decisions[a].Select(d => d.Request.Symbol).Concat(workingToo ? state.Orders[a].Select(o => o.Symbol) : []).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal)
            .Where(p => p.Value.Count > 0)
            .ToDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Per symbol, the time of the earliest quote the batch may walk a book at: its newest quote (a decision's arrival), a
    /// delayed decision's quote, the first of its path.
    /// </summary>
    private static Dictionary<string, DateTimeOffset> EarliestQuotes(ClaimState state)
    {
        var earliest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var delayed = state.Decisions.Values.SelectMany(d => d).Select(d => d.Request.LatencyQuote).OfType<Engine.MarketData.Quote>();
        foreach (var quote in state.Quotes.Values.Concat(state.Path).Concat(delayed))
        {
            if (!earliest.TryGetValue(quote.Symbol, out var time) || quote.Time < time)
            {
                earliest[quote.Symbol] = quote.Time;
            }
        }

        return earliest;
    }

    private static async Task ReadDepthAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
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

    private static async Task ReadTakenAsync(NpgsqlDataReader reader, ClaimState state, CancellationToken cancellationToken)
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
