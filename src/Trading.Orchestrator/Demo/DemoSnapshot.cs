using Npgsql;

namespace Trading.Orchestrator.Demo;

/// <summary>What the demo dashboard shows, read from the same views a user would query.</summary>
public sealed record DemoSnapshot(
    decimal Equity,
    decimal Cash,
    decimal TotalPnl,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    IReadOnlyList<(string Symbol, string Side, decimal Quantity, decimal Entry, decimal? Mark, decimal? Pnl)> Positions,
    IReadOnlyList<(DateTimeOffset Time, string Symbol, string Side, decimal Quantity, decimal Price, decimal Fee)> Fills,
    IReadOnlyDictionary<string, long> Decisions,
    decimal? LatencyP50Ms,
    decimal? LatencyP99Ms,
    long Snapshots)
{
    /// <summary>The demo's strategy session in one line (decisions, trades, P&amp;L); null when none runs.</summary>
    public string? Strategy { get; init; }

    /// <summary>What trading costs the account, and what it has cost so far: why a random agent loses.</summary>
    public DemoCosts Costs { get; init; } = DemoCosts.None;

    /// <summary>The newest quote of each symbol, and the mid's change over the last five minutes.</summary>
    public IReadOnlyList<(string Symbol, decimal Bid, decimal Ask, decimal? ChangePct)> Prices { get; init; } = [];

    /// <summary>The most frequent reasons decisions were rejected or skipped (see <see cref="Reports.ReportQuery.ReasonsSql"/>).</summary>
    public IReadOnlyList<(string Status, string Example, long Count)> Reasons { get; init; } = [];

    public static async Task<DemoSnapshot> ReadAsync(NpgsqlDataSource dataSource, string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in new[]
        {
            "SELECT total_value, cash, total_pnl, realized_pnl, unrealized_pnl FROM v_paper_portfolio_overview WHERE account = $1",
            "SELECT symbol, side, quantity, entry_price, current_price, unrealized_pnl FROM v_paper_open_positions WHERE account = $1 ORDER BY symbol",
            "SELECT filled_at, symbol, side, quantity, price, fee FROM paper_fills WHERE account = $1 ORDER BY fill_id DESC LIMIT 8",
            "SELECT status, count(*) FROM trading_decisions WHERE account = $1 GROUP BY status",
            """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM processed_at - created_at) * 1000),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM processed_at - created_at) * 1000)
            FROM trading_decisions WHERE account = $1 AND processed_at > now() - interval '1 minute'
            """,
            "SELECT count(*) FROM paper_portfolio_snapshots WHERE account = $1",
            """
            SELECT name, session_id, account, bars_acted, decisions, trades, open_positions, total_pnl
            FROM v_strategy_sessions WHERE account = $1 || '-strategy' AND status = 'running'
            """,
            """
            SELECT a.fee_rate, a.slippage_model, a.slippage_rate,
                   (SELECT COALESCE(-sum(amount), 0) FROM paper_ledger WHERE account = $1 AND kind = 'fee'),
                   (SELECT COALESCE(sum(realized_pnl), 0) FROM paper_trades WHERE account = $1),
                   (SELECT COALESCE(sum(fees), 0) FROM paper_trades WHERE account = $1),
                   (SELECT count(*) FROM paper_trades WHERE account = $1)
            FROM accounts a WHERE a.account = $1
            """,
            """
            SELECT p.symbol, p.bid, p.ask,
                   round(((p.bid + p.ask) / 2 - (f.bid + f.ask) / 2) / NULLIF((f.bid + f.ask) / 2, 0) * 100, 4)
            FROM v_latest_prices p
            LEFT JOIN LATERAL (SELECT m.bid, m.ask FROM market_prices m
                               WHERE m.symbol = p.symbol AND m.time >= p.time - interval '5 minutes' ORDER BY m.time LIMIT 1) f ON true
            WHERE p.bid IS NOT NULL AND p.ask IS NOT NULL
            ORDER BY p.symbol
            LIMIT 6
            """,
        })
        {
            var command = new NpgsqlBatchCommand(sql);
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = account });
            }

            batch.BatchCommands.Add(command);
        }

        var reasons = new NpgsqlBatchCommand(Reports.ReportQuery.ReasonsSql);
        Reports.ReportQuery.AddWindow(reasons.Parameters, account, null, null);
        batch.BatchCommands.Add(reasons);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (equity, cash, total, realized, unrealized) = (reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4));
        await reader.NextResultAsync(cancellationToken);
        var positions = new List<(string, string, decimal, decimal, decimal?, decimal?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3),
                reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.IsDBNull(5) ? null : reader.GetDecimal(5)));
        }

        await reader.NextResultAsync(cancellationToken);
        var fills = new List<(DateTimeOffset, string, string, decimal, decimal, decimal)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            fills.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5)));
        }

        await reader.NextResultAsync(cancellationToken);
        var decisions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        decimal? p50 = reader.IsDBNull(0) ? null : Math.Round((decimal)reader.GetDouble(0), 1);
        decimal? p99 = reader.IsDBNull(1) ? null : Math.Round((decimal)reader.GetDouble(1), 1);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var snapshots = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        string? strategy = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            strategy = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"strategy {reader.GetString(0)} (session {reader.GetInt64(1)}, account {reader.GetString(2)}): {reader.GetInt64(3)} bars, " +
                $"{reader.GetInt64(4)} decisions, {reader.GetInt64(5)} trades, {(reader.IsDBNull(6) ? 0 : reader.GetInt64(6))} open, " +
                $"P&L {(reader.IsDBNull(7) ? 0m : reader.GetDecimal(7)):N2}");
        }

        await reader.NextResultAsync(cancellationToken);
        var costs = DemoCosts.None;
        if (await reader.ReadAsync(cancellationToken))
        {
            costs = new DemoCosts(reader.GetDecimal(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5), reader.GetInt64(6));
        }

        await reader.NextResultAsync(cancellationToken);
        var prices = new List<(string, decimal, decimal, decimal?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            prices.Add((reader.GetString(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.IsDBNull(3) ? null : reader.GetDecimal(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        var reasonRows = new List<(string, string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reasonRows.Add((reader.GetString(0), reader.GetString(3), reader.GetInt64(2)));
        }

        return new DemoSnapshot(equity, cash, total, realized, unrealized, positions, fills, decisions, p50, p99, snapshots)
        {
            Strategy = strategy,
            Costs = costs,
            Prices = prices,
            Reasons = reasonRows,
        };
    }
}
