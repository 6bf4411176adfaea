using Npgsql;
using NpgsqlTypes;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// Reads <see cref="ReportDetails"/> for one account and window [from, to) in one round trip (and one more for the
/// histogram's bins). Trades and fees count by their time in the window; the account's state (equity, positions,
/// settings) is now's. The benchmark spans the window, or the account's snapshots when the window is open.
/// </summary>
public static class ReportQuery
{
    // The report is of the account's current epoch (a closed one's figures: v_paper_account_epochs).
    private const string CurrentEpoch = "epoch = (SELECT a.epoch FROM accounts a WHERE a.account = $1)";

    private const string TradeWindow = $"($2::timestamptz IS NULL OR exit_time >= $2) AND ($3::timestamptz IS NULL OR exit_time < $3) AND {CurrentEpoch}";

    private static readonly string[] Statements =
    [
        $"""
        SELECT o.base_currency, o.initial_capital, o.net_deposits, o.total_value, o.cash, o.total_pnl,
               (SELECT COALESCE(sum(realized_pnl), 0) FROM paper_trades WHERE account = $1 AND {TradeWindow}),
               (SELECT COALESCE(sum(net_pnl), 0) FROM paper_trades WHERE account = $1 AND {TradeWindow}),
               o.unrealized_pnl,
               (SELECT COALESCE(sum(entry_fees), 0) FROM paper_positions WHERE account = $1),
               (SELECT COALESCE(-sum(amount), 0) FROM paper_ledger
                WHERE account = $1 AND kind = 'fee' AND ($2::timestamptz IS NULL OR time >= $2) AND ($3::timestamptz IS NULL OR time < $3)
                  AND {CurrentEpoch}),
               o.gross_exposure
        FROM v_paper_portfolio_overview o
        WHERE o.account = $1
        """,
        $"""
        SELECT t.entry_time, t.exit_time, t.symbol, t.side, t.quantity, t.entry_price, t.exit_price, t.realized_pnl, t.fees, t.net_pnl,
               t.return_pct, t.agent, i.tick_size, i.lot_size
        FROM paper_trades t LEFT JOIN instruments i ON i.symbol = t.symbol
        WHERE t.account = $1 AND {TradeWindow.Replace("exit_time", "t.exit_time", StringComparison.Ordinal)}
        ORDER BY t.exit_time DESC, t.trade_id DESC
        LIMIT {ReportDetails.TradeListLimit}
        """,
        """
        SELECT p.symbol, p.side, p.quantity, p.entry_price, p.current_price, p.position_value, p.unrealized_pnl, p.entry_fees, i.tick_size, i.lot_size
        FROM v_paper_open_positions p LEFT JOIN instruments i ON i.symbol = p.symbol
        WHERE p.account = $1
        ORDER BY abs(p.position_value) DESC NULLS LAST, p.symbol
        """,
        Grouped("symbol"),
        Grouped("COALESCE(agent, '(no agent)')"),
        $"""
        WITH span AS (
            SELECT COALESCE($2::timestamptz, min(time)) AS t0, COALESCE($3::timestamptz, max(time)) AS t1
            FROM paper_portfolio_snapshots
            WHERE account = $1 AND ($2::timestamptz IS NULL OR time >= $2) AND ($3::timestamptz IS NULL OR time < $3) AND {CurrentEpoch}
        ), symbols AS (
            SELECT symbol FROM paper_trades WHERE account = $1 AND {TradeWindow}
            UNION
            SELECT symbol FROM paper_positions WHERE account = $1
        )
        SELECT s.symbol, f.price, l.price, round((l.price - f.price) / NULLIF(f.price, 0) * 100, 4), i.tick_size
        FROM symbols s CROSS JOIN span
        LEFT JOIN instruments i ON i.symbol = s.symbol
        LEFT JOIN LATERAL (SELECT COALESCE((m.bid + m.ask) / 2, m.last) AS price FROM market_prices m
                           WHERE m.symbol = s.symbol AND m.time >= span.t0 ORDER BY m.time LIMIT 1) f ON true
        LEFT JOIN LATERAL (SELECT COALESCE((m.bid + m.ask) / 2, m.last) AS price FROM market_prices m
                           WHERE m.symbol = s.symbol AND m.time <= span.t1 ORDER BY m.time DESC LIMIT 1) l ON true
        ORDER BY s.symbol
        """,
        $"""
        SELECT status, count(*) FROM trading_decisions
        WHERE account = $1 AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3) AND {CurrentEpoch}
        GROUP BY status ORDER BY count(*) DESC, status
        """,
        ReasonsSql,
        """
        SELECT initial_capital, base_currency, fee_rate, maker_fee_rate, min_fee, slippage_model, slippage_rate, spread_fraction, latency,
               fill_probability, leverage, allow_shorting, allow_partial_size, max_position_fraction, confidence_threshold, staleness_bound,
               default_stop_loss_pct, default_take_profit_pct, random_seed, epoch, epoch_started_at
        FROM accounts WHERE account = $1
        """,
        """
        SELECT kind, threshold, agent, symbol, login FROM paper_risk_limits
        WHERE account = $1
        ORDER BY kind, agent NULLS FIRST, symbol NULLS FIRST
        """,
    ];

    /// <summary>
    /// The most frequent reasons decisions of account $1 written in [$2, $3) were rejected, skipped, failed or expired:
    /// figures in a reason become #, so "confidence 0.42 below threshold 0.60" and "... 0.48 ..." count as one, shown
    /// with one real example. Columns: status, reason, count, example.
    /// </summary>
    public const string ReasonsSql = $"""
        SELECT status, reason, count(*), min(example)
        FROM (SELECT status, regexp_replace(COALESCE(status_reason, '(no reason given)'), '[0-9]+([.][0-9]+)?', '#', 'g') AS reason,
                     COALESCE(status_reason, '(no reason given)') AS example
              FROM trading_decisions
              WHERE account = $1 AND status IN ('rejected', 'skipped', 'failed', 'expired')
                AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3) AND {CurrentEpoch}) r
        GROUP BY status, reason
        ORDER BY count(*) DESC, status, reason
        LIMIT 8
        """;

    // Market data is shared, not account-owned (on Citus it lives on its own TimescaleDB server), so the probe per time
    // and symbol may be a LATERAL ... LIMIT. A time before a symbol's first quote leaves the time out (count < symbols).
    private const string BenchmarkCurveSql = """
        SELECT t.time, round($4 * avg(q.mid / s.start), 10)
        FROM unnest($1::timestamptz[]) AS t(time)
        CROSS JOIN unnest($2::text[], $3::numeric[]) AS s(symbol, start)
        CROSS JOIN LATERAL (SELECT COALESCE((m.bid + m.ask) / 2, m.last) AS mid FROM market_prices m
                            WHERE m.symbol = s.symbol AND m.time <= t.time ORDER BY m.time DESC LIMIT 1) q
        GROUP BY t.time
        HAVING count(*) = $5
        ORDER BY t.time
        """;

    private const string ReturnRangeSql = $"SELECT min(return_pct), max(return_pct) FROM paper_trades WHERE account = $1 AND {TradeWindow}";

    private const string ReturnBinsSql = $"""
        SELECT least(floor((return_pct - $4) / $5), $6 - 1)::int AS bin, count(*)
        FROM paper_trades WHERE account = $1 AND {TradeWindow}
        GROUP BY 1 ORDER BY 1
        """;

    public static async Task<ReportDetails> ReadAsync(NpgsqlDataSource dataSource, string account, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in Statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            AddWindow(command.Parameters, account, from, to);
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        decimal D(int i) => CliRows.Trim(reader.GetDecimal(i));
        decimal? N(int i) => reader.IsDBNull(i) ? null : CliRows.Trim(reader.GetDecimal(i));
        string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

        await reader.ReadAsync(cancellationToken);
        var headline = new ReportHeadline(reader.GetString(0), D(1), D(2), D(3), D(4), D(5), D(6), D(7), D(8), D(9), D(10), D(11));

        var trades = new List<ReportTrade>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            trades.Add(new ReportTrade(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                D(4), D(5), D(6), D(7), D(8), D(9), D(10), S(11), N(12), N(13)));
        }

        var positions = new List<ReportPosition>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add(new ReportPosition(reader.GetString(0), reader.GetString(1), D(2), D(3), N(4), N(5), N(6), D(7), N(8), N(9)));
        }

        var groups = new List<ReportGroup>[2];
        for (var g = 0; g < 2; g++)
        {
            groups[g] = [];
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                groups[g].Add(new ReportGroup(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), D(3), D(4), D(5)));
            }
        }

        var benchmark = new List<ReportBenchmark>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            benchmark.Add(new ReportBenchmark(reader.GetString(0), N(1), N(2), N(3), N(4)));
        }

        var decisions = new List<ReportDecisionCount>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions.Add(new ReportDecisionCount(reader.GetString(0), reader.GetInt64(1)));
        }

        var reasons = new List<ReportReason>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reasons.Add(new ReportReason(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var settings = ReportSettings.FromAccountRow(reader);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settings.Add(ReportSettings.FromRiskLimitRow(reader));
        }

        await reader.CloseAsync();
        var returns = await HistogramAsync(dataSource, account, from, to, cancellationToken);
        return new ReportDetails(headline, trades, positions, groups[0], groups[1], benchmark, returns, decisions, reasons, settings);
    }

    /// <summary>
    /// The buy-and-hold benchmark as a curve beside the account's: at each given time, <paramref name="startEquity"/>
    /// spread in equal parts over the benchmark's symbols at their start prices, valued at each one's newest mid then.
    /// Times are the (thinned) curve's, at most <see cref="SvgChart.MaxPoints"/>: one index probe per time and symbol.
    /// </summary>
    public static async Task<IReadOnlyList<(DateTimeOffset Time, decimal Value)>> BenchmarkCurveAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<ReportBenchmark> benchmark, IReadOnlyList<DateTimeOffset> times, decimal startEquity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(times);
        var priced = benchmark.Where(b => b.StartPrice is > 0 && b.ReturnPct is not null).ToList();
        if (priced.Count == 0 || times.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(BenchmarkCurveSql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = times.Select(t => t.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = priced.Select(b => b.Symbol).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric, Value = priced.Select(b => b.StartPrice!.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = startEquity });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = priced.Count });
        var curve = new List<(DateTimeOffset, decimal)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            curve.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetDecimal(1)));
        }

        return curve;
    }

    private static string Grouped(string key) => $"""
        SELECT {key}, count(*), count(*) FILTER (WHERE net_pnl > 0), sum(realized_pnl), sum(fees), sum(net_pnl)
        FROM paper_trades WHERE account = $1 AND {TradeWindow}
        GROUP BY 1 ORDER BY sum(net_pnl) DESC, 1
        """;

    /// <summary>Trade returns in round-width bins (1, 2 or 5 × 10^k percent) covering the lowest to the highest, about 12 of them.</summary>
    private static async Task<IReadOnlyList<ReportHistogramBin>> HistogramAsync(NpgsqlDataSource dataSource, string account, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        decimal low, high;
        await using (var range = dataSource.CreateCommand(ReturnRangeSql))
        {
            AddWindow(range.Parameters, account, from, to);
            await using var reader = await range.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.IsDBNull(0))
            {
                return [];
            }

            (low, high) = (reader.GetDecimal(0), reader.GetDecimal(1));
        }

        var width = NiceScale.Step(Math.Max(high - low, 0.0001m) / 12m);
        var start = Math.Floor(low / width) * width;
        var count = (int)Math.Floor((high - start) / width) + 1;
        var bins = Enumerable.Range(0, count).Select(i => new ReportHistogramBin(start + (i * width), start + ((i + 1) * width), 0)).ToArray();
        await using var command = dataSource.CreateCommand(ReturnBinsSql);
        AddWindow(command.Parameters, account, from, to);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = start });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = width });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = count });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var bin = Math.Clamp(reader.GetInt32(0), 0, count - 1);
                bins[bin] = bins[bin] with { Count = bins[bin].Count + reader.GetInt64(1) };
            }
        }

        return bins;
    }

    internal static void AddWindow(NpgsqlParameterCollection parameters, string account, DateTimeOffset? from, DateTimeOffset? to)
    {
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = account });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = from is { } f ? f.UtcDateTime : DBNull.Value });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = to is { } t ? t.UtcDateTime : DBNull.Value });
    }
}
