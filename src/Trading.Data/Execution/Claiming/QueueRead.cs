using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// Step 5 of a claim, for accounts whose resting limits fill by queue position (limit_fill_model 'queue'): the prints of
/// the symbols their queued orders work in, since the oldest of those orders was last evaluated (market_trades; for a
/// symbol that has never had a print, the last/volume changes of consecutive quotes), and the newest book snapshot of the
/// symbols their pending limit decisions trade (the size a new limit joins behind). Nothing is read for other accounts.
/// </summary>
internal static class QueueRead
{
    /// <summary>The most prints (or quotes, for volume changes) per symbol one batch reads; the next batch goes on.</summary>
    private const int SliceLength = 20000;

    // market_trades in (since, now]; for a symbol without any print up to now, the quotes from the last one at or before
    // `since` (the base of the first volume change) through now.
    private const string PrintsSql = """
        SELECT s.symbol, t.time, 'print' AS kind, t.price, t.size, t.aggressor, NULL::numeric AS volume
        FROM unnest($1::text[], $2::timestamptz[]) AS s(symbol, since)
        CROSS JOIN LATERAL (
            SELECT m.time, m.price, m.size, m.aggressor FROM market_trades m
            WHERE m.symbol = s.symbol AND m.time > s.since AND m.time <= $3
            ORDER BY m.time, m.trade_id
            LIMIT $4
        ) t
        UNION ALL
        SELECT s.symbol, q.time, 'quote', q.last, NULL, NULL, q.volume
        FROM unnest($1::text[], $2::timestamptz[]) AS s(symbol, since)
        CROSS JOIN LATERAL (
            (SELECT m.time, m.last, m.volume FROM market_prices m WHERE m.symbol = s.symbol AND m.time <= s.since ORDER BY m.time DESC LIMIT 1)
            UNION ALL
            (SELECT m.time, m.last, m.volume FROM market_prices m
             WHERE m.symbol = s.symbol AND m.time > s.since AND m.time <= $3 ORDER BY m.time LIMIT $4)
        ) q
        WHERE NOT EXISTS (SELECT 1 FROM market_trades x WHERE x.symbol = s.symbol AND x.time <= $3)
        ORDER BY 1, 2
        """;

    // The newest snapshot at or before now, every level of it.
    private const string DepthSql = """
        SELECT d.symbol, d.side, d.price, d.size
        FROM unnest($1::text[]) AS s(symbol)
        CROSS JOIN LATERAL (SELECT max(m.time) AS time FROM market_depth m WHERE m.symbol = s.symbol AND m.time <= $2) n
        JOIN market_depth d ON d.symbol = s.symbol AND d.time = n.time
        """;

    public static async Task<QueueMarket> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimState state, CancellationToken cancellationToken)
    {
        var queued = state.AccountNames.Where(a => state.Accounts[a].Config.LimitFills == LimitFillModel.Queue).ToList();
        var since = queued.SelectMany(a => state.Orders[a])
            .Where(o => o.Type == OrderType.Limit && o.Role == Engine.Orders.Resting.OrderRole.Entry && o.EvaluatedThrough is not null)
            .GroupBy(o => o.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(o => o.EvaluatedThrough!.Value), StringComparer.Ordinal);
        var placing = queued.SelectMany(a => state.Decisions[a])
            .Where(d => d.Request.OrderType == OrderType.Limit)
            .Select(d => d.Request.Symbol)
            .ToHashSet(StringComparer.Ordinal);
        if (since.Count == 0 && placing.Count == 0)
        {
            return QueueMarket.Empty;
        }

        var prints = new Dictionary<string, List<TradePrint>>(StringComparer.Ordinal);
        var displayed = new Dictionary<(string, OrderSide, decimal), decimal>();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var until = state.Now.ToUniversalTime();
        batch.BatchCommands.Add(ClaimLoader.Command(PrintsSql, since.Keys.ToArray(), since.Values.Select(t => t.ToUniversalTime()).ToArray(), until, SliceLength));
        batch.BatchCommands.Add(ClaimLoader.Command(DepthSql, placing.ToArray(), until));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var row = new NamedColumns(reader);
        var lastVolume = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var symbol = row.Text("symbol");
            if (!prints.TryGetValue(symbol, out var list))
            {
                prints[symbol] = list = [];
            }

            var time = row.Time("time");
            if (row.Text("kind") == "print")
            {
                var aggressor = row.NullableText("aggressor") is { } side ? SqlText.Sides.Parse(side) : (OrderSide?)null;
                list.Add(new TradePrint(time, row.Decimal("price"), row.Decimal("size"), aggressor));
                continue;
            }

            // A quote without a last price or a volume breaks the chain: the next change is measured from the next reading.
            var (last, volume) = (row.NullableDecimal("price"), row.NullableDecimal("volume"));
            if (last is { } price && volume is { } now && lastVolume.GetValueOrDefault(symbol) is { } before
                && TradePrint.FromVolumeChange(time, price, before, now) is { } implied)
            {
                list.Add(implied);
            }

            lastVolume[symbol] = last is null ? null : volume;
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var side = row.Text("side") == "bid" ? OrderSide.Buy : OrderSide.Sell;
            displayed[(row.Text("symbol"), side, row.Decimal("price"))] = row.Decimal("size");
        }

        return new QueueMarket(prints.ToDictionary(p => p.Key, IReadOnlyList<TradePrint> (p) => p.Value, StringComparer.Ordinal), displayed);
    }
}
