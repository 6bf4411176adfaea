using Npgsql;
using Trading.Strategies.Comparisons;

namespace Trading.Data.Comparisons;

/// <summary>
/// The backtest side of a comparison, from a stored run (backtest_runs, backtest_trades, backtest_fills,
/// backtest_equity, whose trade and fill columns are paper_trades' and paper_fills' plus run_id and the signal keys).
/// A trade's entry key is entry_signal_key; its exit key is its closing signal_key when that differs (an exit by its
/// own signal), else none (a bracket exit carries its entry's key). A run records no decisions: Signals is null.
/// </summary>
public static class BacktestSideStore
{
    private const string RunSql = "SELECT name, checksum, initial_capital, from_time, to_time FROM backtest_runs WHERE run_id = $1";

    private const string FillSql = """
        SELECT f.quantity, f.quantity AS ordered, f.price, f.reference_price, f.quote_bid, f.quote_ask, f.quote_last,
               f.decision_price AS signal_price, f.quote_time, f.fee, f.notional, f.slippage_cost, f.run_id, f.fill_id, f.symbol, f.side, f.filled_at
        FROM backtest_fills f
        """;

    private static readonly string TradesSql = $"""
        SELECT t.symbol, t.side, t.quantity, t.entry_price, t.exit_price, t.entry_time, t.exit_time, t.realized_pnl AS gross_pnl,
               t.fees, t.net_pnl, t.entry_signal_key AS entry_key,
               CASE WHEN t.signal_key IS DISTINCT FROM t.entry_signal_key THEN t.signal_key END AS exit_key,
               {ComparedRows.Prefixed("en")}, {ComparedRows.Prefixed("ex")}
        FROM backtest_trades t
        LEFT JOIN LATERAL ({FillSql}
            WHERE f.run_id = t.run_id AND f.symbol = t.symbol AND f.filled_at = t.entry_time
              AND f.side = CASE t.side WHEN 'long' THEN 'buy' ELSE 'sell' END
            ORDER BY f.fill_id LIMIT 1) en ON true
        LEFT JOIN LATERAL (SELECT x.quantity, x.ordered, x.price, x.reference_price, x.quote_bid, x.quote_ask, x.quote_last,
                                  CASE WHEN t.signal_key IS DISTINCT FROM t.entry_signal_key THEN x.signal_price END AS signal_price,
                                  x.quote_time, x.fee, x.notional, x.slippage_cost
                           FROM ({FillSql} WHERE f.run_id = t.run_id AND f.fill_id = t.fill_id) x) ex ON true
        WHERE t.run_id = $1
        ORDER BY t.exit_time, t.trade_id
        """;

    private static readonly string FillsSql = $"SELECT {ComparedRows.FillColumns} FROM ({FillSql} WHERE f.run_id = $1) f";

    private const string EquitySql = "SELECT time, equity FROM backtest_equity WHERE run_id = $1 ORDER BY time";

    /// <summary>The run's side, its strategy checksum and name; null when no such run is visible to the caller.</summary>
    public static async Task<(string Name, string Checksum, ComparisonSide Side)?> LoadAsync(NpgsqlDataSource dataSource, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string name, checksum;
        decimal capital;
        await using (var command = ComparedRows.Command(connection, null, RunSql, runId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (name, checksum, capital) = (reader.GetString(0), reader.GetString(1), reader.GetDecimal(2));
        }

        var trades = await ComparedRows.ListAsync(ComparedRows.Command(connection, null, TradesSql, runId), reader => ComparedRows.Trade(reader), cancellationToken);

        var fills = await ComparedRows.ListAsync(ComparedRows.Command(connection, null, FillsSql, runId), reader => ComparedRows.Fill(reader, string.Empty)!, cancellationToken);

        var equity = await ComparedRows.ListAsync(ComparedRows.Command(connection, null, EquitySql, runId), reader => new EquityValue(reader.GetFieldValue<DateTimeOffset>(0), reader.GetDecimal(1)), cancellationToken);

        return (name, checksum, new ComparisonSide("backtest", capital, trades, equity, fills, null));
    }
}
