using Npgsql;
using NpgsqlTypes;
using Trading.Data.Execution;
using Trading.Strategies.Backtesting;

namespace Trading.Data.Backtests;

/// <summary>
/// Writes a finished backtest in one transaction: the run row, then its fills, trades and equity by binary COPY. The
/// database stamps the login that ran it; row-level security lets that login (and the services) read it back.
/// </summary>
public static class BacktestStore
{
    private const string RunSql = """
        INSERT INTO backtest_runs (name, config, checksum, data_source, data_path, data_checksum, symbols, from_time, to_time,
                                   warmup_from, first_event, last_event, account_settings, initial_capital, latency,
                                   random_seed, duration, events, bars, warm_up_bars, lead_in_bars, signals, decisions, fills,
                                   trades, final_cash, final_equity, net_pnl, realized_pnl, total_fees, open_positions,
                                   halt_reason, lookahead_checked, lookahead_flagged)
        VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18, $19, $20, $21,
                $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34)
        RETURNING run_id
        """;

    /// <summary>Stores the run and returns its id.</summary>
    public static async Task<long> SaveAsync(
        NpgsqlDataSource dataSource, BacktestRun run, BacktestRecording recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(recording);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand(RunSql, connection, transaction))
        {
            var s = run.Summary;
            foreach (var value in new object?[]
            {
                run.Name, run.ConfigJson, run.Checksum, run.DataSource, run.DataPath, run.DataChecksum, run.Symbols.ToArray(),
                run.From.ToUniversalTime(), run.To.ToUniversalTime(), run.WarmupFrom.ToUniversalTime(), s.FirstEvent?.ToUniversalTime(),
                s.LastEvent?.ToUniversalTime(), run.AccountSettingsJson, s.InitialCapital, run.Latency, run.RandomSeed, run.Duration,
                s.Events, s.Bars, s.WarmUpBars, s.LeadInBars, s.Signals, s.Decisions, s.Fills, s.Trades, s.FinalCash, s.FinalEquity,
                s.NetPnl, s.RealizedNetPnl, s.TotalFees, s.OpenPositions, s.HaltReason, run.LookAhead?.Checked, run.LookAhead?.Flagged.Count,
            })
            {
                insert.Parameters.Add(value is null
                    ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown }
                    : new NpgsqlParameter { Value = value });
            }

            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await WriteFillsAsync(connection, id, recording.Fills, cancellationToken);
        await WriteTradesAsync(connection, id, run.Name, recording.Trades, cancellationToken);
        await WriteEquityAsync(connection, id, recording.EquityCurve, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    // COPY is refused on tables with row-level security: rows go in as unnest() arrays, a page at a time.
    private const int PageRows = 5000;

    private static readonly BacktestColumns<BacktestFill> FillColumns = new("backtest_fills", [
        ("fill_id", "bigint", f => f.Number),
        ("order_id", "bigint", f => f.OrderId),
        ("decision_id", "bigint", f => f.DecisionId),
        ("symbol", "text", f => f.Executed.Symbol),
        ("side", "text", f => SqlText.Of(f.Executed.Side)),
        ("quantity", "numeric", f => f.Executed.Fill.Quantity),
        ("price", "numeric", f => f.Executed.Fill.Price),
        ("notional", "numeric", f => f.Executed.Fill.Notional),
        ("fee", "numeric", f => f.Executed.Fill.Fee),
        ("liquidity", "text", f => SqlText.Of(f.Executed.Fill.LiquidityRole)),
        ("reference_price", "numeric", f => f.Executed.Fill.ReferencePrice),
        ("slippage_fraction", "numeric", f => f.Executed.Fill.SlippageFraction),
        ("slippage_cost", "numeric", f => f.Executed.Fill.SlippageCost),
        ("decision_price", "numeric", f => f.DecisionPrice),
        ("quote_time", "timestamptz", f => f.Executed.Fill.Quote.Time.ToUniversalTime()),
        ("quote_bid", "numeric", f => f.Executed.Fill.Quote.Bid),
        ("quote_ask", "numeric", f => f.Executed.Fill.Quote.Ask),
        ("quote_last", "numeric", f => f.Executed.Fill.Quote.Last),
        ("quote_bid_size", "numeric", f => f.Executed.Fill.Quote.BidSize),
        ("quote_ask_size", "numeric", f => f.Executed.Fill.Quote.AskSize),
        ("latency", "interval", f => f.Latency),
        ("slippage_model", "text", f => f.Executed.Fill.SlippageModel),
        ("fee_model", "text", f => f.Executed.Fill.FeeModel),
        ("model_parameters", "text", f => SqlText.ModelParameters(f.Executed.Fill)),
        ("random_seed", "bigint", f => f.Executed.Fill.RngSeed),
        ("book", "text", f => f.Executed.Fill.Book?.Kind),
        ("book_time", "timestamptz", f => f.Executed.Fill.Book?.Time?.ToUniversalTime()),
        ("book_level", "integer", f => f.Executed.Fill.Book?.Level),
        ("book_levels", "integer", f => f.Executed.Fill.Book?.Levels),
        ("impact", "text", f => f.Executed.Fill.Impact?.ToJson()),
        ("filled_at", "timestamptz", f => f.Executed.Fill.Time.ToUniversalTime()),
        ("signal_key", "text", f => f.SignalKey),
        ("decided_at", "timestamptz", f => f.DecidedAt?.ToUniversalTime()),
    ]);

    private static readonly BacktestColumns<(BacktestTrade Row, string Strategy)> TradeColumns = new("backtest_trades", [
        ("trade_id", "bigint", t => t.Row.Number),
        ("symbol", "text", t => t.Row.Trade.Symbol),
        ("side", "text", t => SqlText.Of(t.Row.Trade.Side)),
        ("quantity", "numeric", t => t.Row.Trade.Quantity),
        ("entry_price", "numeric", t => t.Row.Trade.AverageEntryPrice),
        ("exit_price", "numeric", t => t.Row.Trade.ExitPrice),
        ("entry_cost", "numeric", t => t.Row.Trade.EntryCost),
        ("exit_notional", "numeric", t => t.Row.Trade.ExitNotional),
        ("entry_time", "timestamptz", t => t.Row.Trade.EntryTime.ToUniversalTime()),
        ("exit_time", "timestamptz", t => t.Row.Trade.ExitTime.ToUniversalTime()),
        ("realized_pnl", "numeric", t => t.Row.Trade.GrossPnl),
        ("entry_fees", "numeric", t => t.Row.Trade.EntryFees),
        ("exit_fees", "numeric", t => t.Row.Trade.ExitFees),
        ("net_pnl", "numeric", t => t.Row.Trade.NetPnl),
        ("close_order_id", "bigint", t => t.Row.CloseOrderId),
        ("decision_id", "bigint", t => t.Row.DecisionId),
        ("agent", "text", t => "strategy:" + t.Strategy),
        ("strategy", "text", t => t.Strategy),
        ("signal_key", "text", t => t.Row.SignalKey),
        ("entry_signal_key", "text", t => t.Row.EntrySignalKey),
        ("fill_id", "bigint", t => t.Row.FillNumber),
    ]);

    private static readonly BacktestColumns<EquityPoint> EquityColumns = new("backtest_equity", [
        ("time", "timestamptz", p => p.Time.ToUniversalTime()),
        ("equity", "numeric", p => p.Equity),
        ("cash", "numeric", p => p.Cash),
        ("positions_value", "numeric", p => p.PositionsValue),
        ("open_positions", "integer", p => p.OpenPositions),
    ]);

    private static async Task WriteFillsAsync(NpgsqlConnection connection, long run, List<BacktestFill> fills, CancellationToken cancellationToken)
    {
        foreach (var page in fills.Chunk(PageRows))
        {
            await FillColumns.InsertAsync(connection, run, page, cancellationToken);
        }
    }

    private static async Task WriteTradesAsync(
        NpgsqlConnection connection, long run, string strategy, List<BacktestTrade> trades, CancellationToken cancellationToken)
    {
        foreach (var page in trades.Chunk(PageRows))
        {
            await TradeColumns.InsertAsync(connection, run, [.. page.Select(t => (t, strategy))], cancellationToken);
        }
    }

    private static async Task WriteEquityAsync(NpgsqlConnection connection, long run, List<EquityPoint> curve, CancellationToken cancellationToken)
    {
        // One point per time: the last one recorded at it (the run's end may fall on a bar close).
        var points = curve.Where((p, i) => i + 1 == curve.Count || curve[i + 1].Time != p.Time).ToList();
        foreach (var page in points.Chunk(PageRows))
        {
            await EquityColumns.InsertAsync(connection, run, page, cancellationToken);
        }
    }
}
