using Npgsql;

namespace Trading.Orchestrator.Cli;

/// <summary>Follows one decision until the orchestrator gives it a terminal status (<see cref="StatusPoller"/>).</summary>
public static class DecisionWaiter
{
    private const string Sql = """
        SELECT d.id, d.account, d.symbol, d.decision, d.status, d.status_reason, d.order_id,
               d.processed_at - d.created_at AS latency,
               f.side, f.quantity, f.price, f.notional, f.fee, f.slippage_cost,
               o.status, o.quantity - o.filled_quantity, i.tick_size, i.lot_size
        FROM trading_decisions d
        LEFT JOIN instruments i ON i.symbol = d.symbol
        LEFT JOIN paper_orders o ON o.order_id = d.order_id
        LEFT JOIN LATERAL (
            SELECT f.side, sum(f.quantity) AS quantity, round(sum(f.notional) / sum(f.quantity), 10) AS price,
                   sum(f.notional) AS notional, sum(f.fee) AS fee, sum(f.slippage_cost) AS slippage_cost
            FROM paper_fills f
            WHERE f.order_id = d.order_id
            GROUP BY f.side
        ) f ON true
        WHERE d.id = $1
        """;

    public static Task<DecisionOutcome> WaitAsync(NpgsqlDataSource dataSource, long id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return StatusPoller.PollAsync(token => ReadAsync(dataSource, id, token), o => o.IsTerminal, timeout, cancellationToken);
    }

    public static async Task<DecisionOutcome> ReadAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Decision {id} disappeared.");
        }

        T? Get<T>(int i) where T : struct => reader.IsDBNull(i) ? null : reader.GetFieldValue<T>(i);
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new DecisionOutcome(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Text(5),
            Get<long>(6), Get<TimeSpan>(7), Text(8),
            CliRows.Trim(Get<decimal>(9)), CliRows.Trim(Get<decimal>(10)), CliRows.Trim(Get<decimal>(11)),
            CliRows.Trim(Get<decimal>(12)), CliRows.Trim(Get<decimal>(13)), Text(14), CliRows.Trim(Get<decimal>(15)))
        {
            Tick = Get<decimal>(16),
            Lot = Get<decimal>(17),
        };
    }
}
