using Npgsql;
using Trading.Strategies.Comparisons;
using Trading.Strategies.Backtesting;

namespace Trading.Data.Comparisons;

/// <summary>
/// The paper side of a comparison: a strategy session's round trips (the trades whose opening fill came from one of its
/// decisions), each with its entry fill (the opening-side fill at the trade's entry time) and exit fill (the closing
/// order's fill at its exit time); all fills of its orders; its account's snapshots over the session as the equity
/// curve; and the status of each of its bar decisions. Read as the caller: row-level security decides what it may see.
/// </summary>
public static class PaperSideStore
{
    private const string SessionSql = """
        SELECT s.session_id, s.name, s.account, s.mode, s.status, s.config::text, s.checksum, s.started_at, s.act_from,
               s.stopped_at, a.initial_capital,
               (SELECT min(COALESCE(d.price_as_of, d.created_at)) FROM trading_decisions d WHERE d.strategy_session_id = s.session_id),
               (SELECT max(COALESCE(d.price_as_of, d.created_at)) FROM trading_decisions d WHERE d.strategy_session_id = s.session_id)
        FROM strategy_sessions s
        JOIN accounts a ON a.account = s.account
        WHERE s.session_id = $1
        """;

    // A paper fill with its order's size and its decision's key and price; a bracket's order has no decision of its own.
    private const string FillSql = """
        SELECT f.quantity, o.quantity AS ordered, f.price, f.reference_price, f.quote_bid, f.quote_ask, f.quote_last,
               d.current_price AS signal_price, f.quote_time, f.fee, f.notional, f.slippage_cost,
               d.idempotency_key AS signal_key, d.strategy_session_id, f.fill_id
        FROM paper_fills f
        JOIN paper_orders o ON o.order_id = f.order_id
        LEFT JOIN trading_decisions d ON d.account = o.account AND d.id = o.decision_id
        """;

    private static readonly string TradesSql = $"""
        SELECT t.symbol, t.side, t.quantity, t.entry_price, t.exit_price, t.entry_time, t.exit_time, t.realized_pnl AS gross_pnl,
               t.fees, t.net_pnl, en.signal_key AS entry_key, ex.signal_key AS exit_key,
               {ComparedRows.Prefixed("en")}, {ComparedRows.Prefixed("ex")}
        FROM paper_trades t
        JOIN LATERAL ({FillSql}
            WHERE f.account = t.account AND f.symbol = t.symbol AND f.filled_at = t.entry_time
              AND f.side = CASE t.side WHEN 'long' THEN 'buy' ELSE 'sell' END
            ORDER BY f.fill_id LIMIT 1) en ON true
        LEFT JOIN LATERAL ({FillSql}
            WHERE f.account = t.account AND f.order_id = t.close_order_id AND f.filled_at = t.exit_time
            ORDER BY f.fill_id LIMIT 1) ex ON true
        WHERE t.account = $2 AND en.strategy_session_id = $1
        ORDER BY t.exit_time, t.trade_id
        """;

    private static readonly string FillsSql = $"""
        SELECT {ComparedRows.FillColumns} FROM ({FillSql}) f
        WHERE f.fill_id IN (SELECT pf.fill_id FROM paper_fills pf JOIN paper_orders o ON o.order_id = pf.order_id
                            JOIN trading_decisions d ON d.account = o.account AND d.id = COALESCE(o.decision_id, o.parent_decision_id)
                            WHERE d.strategy_session_id = $1)
        """;

    // From the last snapshot at or before the session's start (the equity it started from; snapshot times are bucketed,
    // so the account's first one may carry a time just before the start) to its stop.
    private const string EquitySql = """
        SELECT time, total_value FROM paper_portfolio_snapshots
        WHERE account = $1
          AND time >= COALESCE((SELECT max(s.time) FROM paper_portfolio_snapshots s WHERE s.account = $1 AND s.time <= $2), $2)
          AND ($3::timestamptz IS NULL OR time <= $3)
        ORDER BY time
        """;

    private const string SignalsSql = "SELECT idempotency_key, status, status_reason FROM trading_decisions WHERE strategy_session_id = $1";

    /// <summary>The session and its side; null when no such session is visible to the caller.</summary>
    public static async Task<(PaperSession Session, ComparisonSide Side)?> LoadAsync(NpgsqlDataSource dataSource, long sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot of the database for every query below: a fill landing between two of them cannot skew the side.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        PaperSession session;
        decimal capital;
        await using (var command = ComparedRows.Command(connection, transaction, SessionSql, sessionId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
            session = new PaperSession(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8),
                At(9), At(11), At(12));
            capital = reader.GetDecimal(10);
        }

        var trades = await ComparedRows.ListAsync(ComparedRows.Command(connection, transaction, TradesSql, sessionId, session.Account), reader => ComparedRows.Trade(reader), cancellationToken);

        var fills = await ComparedRows.ListAsync(ComparedRows.Command(connection, transaction, FillsSql, sessionId), reader => ComparedRows.Fill(reader, string.Empty)!, cancellationToken);

        var equity = await ComparedRows.ListAsync(ComparedRows.Command(connection, transaction, EquitySql, session.Account, session.StartedAt, session.StoppedAt), reader => new EquityValue(reader.GetFieldValue<DateTimeOffset>(0), reader.GetDecimal(1)), cancellationToken);

        var signals = new Dictionary<string, SignalOutcome>(StringComparer.Ordinal);
        await using (var command = ComparedRows.Command(connection, transaction, SignalsSql, sessionId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (SignalKeys.Normalize(reader.IsDBNull(0) ? null : reader.GetString(0)) is { } key)
                {
                    signals[key] = new SignalOutcome(key, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (session, new ComparisonSide("paper", capital, trades, equity, fills, signals));
    }
}
