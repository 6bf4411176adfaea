using Npgsql;
using NpgsqlTypes;
using Trading.Data.Execution;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Bars;
using Trading.Strategies.Evaluation;

namespace Trading.Data.Strategies;

/// <summary>
/// The database side of strategy sessions: the running sessions, their closed bars, what their account holds, and the
/// one transaction that writes a bar's decisions and advances the session past it (so a crash neither skips nor
/// repeats a bar; each decision's idempotency key names its bar as a second guard).
/// </summary>
public static class StrategyStore
{
    private const string RunningSql = """
        SELECT session_id, name, config::text, checksum, account, mode, act_from, last_bar_close
        FROM strategy_sessions WHERE status = 'running' ORDER BY session_id
        """;

    private const string BarsSql = "SELECT open_time, open, high, low, close, volume FROM strategy_bars($1, $2, $3, $4)";

    // Pending decisions of the session: the next bar waits for them, so it sees the position they leave.
    private const string BusySql = "SELECT EXISTS (SELECT 1 FROM trading_decisions WHERE strategy_session_id = $1 AND status = 'pending')";

    private const string PositionSql = """
        SELECT p.side, p.quantity, p.opened_at,
               (SELECT max(t.exit_time) FROM paper_trades t WHERE t.account = $1 AND t.symbol = $2)
        FROM (SELECT 1) one
        LEFT JOIN paper_positions p ON p.account = $1 AND p.symbol = $2
        """;

    // Advances only from where the caller read the session: another replica that acted on the bar first wins.
    private const string AdvanceSql = """
        UPDATE strategy_sessions SET last_bar_close = $2, bars_acted = bars_acted + 1
        WHERE session_id = $1 AND status = 'running' AND last_bar_close IS NOT DISTINCT FROM $3
        """;

    private const string InsertSql = """
        INSERT INTO trading_decisions (account, agent, strategy, strategy_session_id, symbol, decision, confidence, risk_score,
                                       quantity, notional, current_price, stop_loss, take_profit, trailing_offset, exit_unit,
                                       reasoning, idempotency_key, price_as_of)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'percent', $15, $16, $17)
        """;

    public static async Task<IReadOnlyList<SessionRow>> RunningAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(RunningSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<SessionRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new SessionRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return sessions;
    }

    /// <summary>Closed bars of the symbol opening at or after the bucket of <paramref name="from"/> and closing by <paramref name="through"/>.</summary>
    public static async Task<IReadOnlyList<Bar>> BarsAsync(
        NpgsqlDataSource dataSource, string symbol, TimeSpan timeframe, DateTimeOffset from, DateTimeOffset through, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(BarsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = symbol });
        command.Parameters.Add(new NpgsqlParameter { Value = timeframe, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = through.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bars = new List<Bar>();
        while (await reader.ReadAsync(cancellationToken))
        {
            bars.Add(new Bar(symbol, reader.GetFieldValue<DateTimeOffset>(0), timeframe, reader.GetDecimal(1), reader.GetDecimal(2),
                reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5)));
        }

        return bars;
    }

    public static async Task<bool> IsBusyAsync(NpgsqlDataSource dataSource, long sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(BusySql);
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>What the account holds in the symbol now, and when it last exited it (the cool-down's reference).</summary>
    public static async Task<StrategyPosition> PositionAsync(
        NpgsqlDataSource dataSource, string account, string symbol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(PositionSql);
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = symbol });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        DateTimeOffset? lastExit = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
        return reader.IsDBNull(0)
            ? StrategyPosition.Flat with { LastExitAt = lastExit }
            : new StrategyPosition(
                SqlText.PositionSides.Parse(reader.GetString(0)), reader.GetDecimal(1),
                reader.GetFieldValue<DateTimeOffset>(2), lastExit);
    }

    /// <summary>
    /// Writes the decisions of the bar closing at <paramref name="barClose"/> and moves the session past it, in one
    /// transaction. False when the session moved on meanwhile (stopped, or another replica acted on the bar).
    /// </summary>
    public static async Task<bool> ActAsync(
        NpgsqlDataSource dataSource, SessionRow session, DateTimeOffset barClose, IReadOnlyList<SessionDecision> decisions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(decisions);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var advance = new NpgsqlCommand(AdvanceSql, connection, transaction))
        {
            advance.Parameters.Add(new NpgsqlParameter { Value = session.Id });
            advance.Parameters.Add(new NpgsqlParameter { Value = barClose.ToUniversalTime() });
            advance.Parameters.Add(new NpgsqlParameter { Value = (object?)session.LastBarClose?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            if (await advance.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        foreach (var decision in decisions)
        {
            await using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = session.Account });
            insert.Parameters.Add(new NpgsqlParameter { Value = "strategy:" + session.Name });
            insert.Parameters.Add(new NpgsqlParameter { Value = session.Name });
            insert.Parameters.Add(new NpgsqlParameter { Value = session.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = decision.Symbol });
            insert.Parameters.Add(new NpgsqlParameter { Value = decision.Verb });
            insert.Parameters.Add(new NpgsqlParameter { Value = decision.Confidence });
            insert.Parameters.Add(Nullable(decision.RiskScore));
            insert.Parameters.Add(Nullable(decision.Quantity));
            insert.Parameters.Add(Nullable(decision.Notional));
            insert.Parameters.Add(Nullable(decision.CurrentPrice));
            insert.Parameters.Add(Nullable(decision.StopLossPct));
            insert.Parameters.Add(Nullable(decision.TakeProfitPct));
            insert.Parameters.Add(Nullable(decision.TrailingStopPct));
            insert.Parameters.Add(new NpgsqlParameter { Value = decision.Reasoning.Length > 4000 ? decision.Reasoning[..4000] : decision.Reasoning });
            insert.Parameters.Add(new NpgsqlParameter { Value = SignalKeys.SessionKey(session.Id, decision.Symbol, barClose) });
            insert.Parameters.Add(new NpgsqlParameter
            {
                Value = session.IsReplay ? barClose.ToUniversalTime() : DBNull.Value,
                NpgsqlDbType = NpgsqlDbType.TimestampTz,
            });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var wake = new NpgsqlCommand(WakeUps.NotifyDecisionsSql, connection, transaction))
        {
            await wake.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Records the validated config's checksum, or ends the session `failed` with why it cannot run.</summary>
    public static async Task ValidatedAsync(
        NpgsqlDataSource dataSource, long sessionId, string? checksum, string? failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(failure is null
            ? "UPDATE strategy_sessions SET checksum = $2 WHERE session_id = $1 AND status = 'running'"
            : "UPDATE strategy_sessions SET status = 'failed', status_reason = left($3, 4000), stopped_at = statement_timestamp() WHERE session_id = $1 AND status = 'running'");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)checksum ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)failure ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Nullable(decimal? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric };
}
