using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Execution;
using Trading.Engine.Risk.Limits;

namespace Trading.Data.Execution;

/// <summary>
/// Loads what an account's risk limits are measured on, inside the execution transaction: its limits, the orders it
/// executed today (UTC; per agent, login and symbol too), its day-start equity and its peak. Accounts without limits cost
/// nothing beyond the limits query.
/// </summary>
public static class RiskStore
{
    public const string LimitsSql = "SELECT account, kind, threshold, agent, symbol, login FROM paper_risk_limits WHERE account = ANY ($1)";

    private const string FiguresSql = """
        SELECT a.account,
               (SELECT s.total_value FROM paper_portfolio_snapshots s
                WHERE s.account = a.account AND s.epoch = a.epoch AND s.time >= $2 ORDER BY s.time LIMIT 1) AS first_today,
               (SELECT s.total_value FROM paper_portfolio_snapshots s
                WHERE s.account = a.account AND s.epoch = a.epoch AND s.time < $2 ORDER BY s.time DESC LIMIT 1) AS last_before,
               a.peak_equity
        FROM accounts a WHERE a.account = ANY ($1)
        """;

    private const string TradesSql = """
        SELECT o.account, d.agent, o.symbol, count(*)::int AS orders, d.login
        FROM paper_orders o LEFT JOIN trading_decisions d ON d.id = o.decision_id
        WHERE o.account = ANY ($1) AND o.created_at >= $2 AND o.status IN ('filled', 'partially_filled')
        GROUP BY 1, 2, 3, 5
        """;

    public static RiskLimit ReadLimit(NpgsqlDataReader reader) => ReadLimit(new NamedColumns(reader));

    /// <summary>A row of <see cref="LimitsSql"/>, by name.</summary>
    internal static RiskLimit ReadLimit(NamedColumns row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var kind = row.Text("kind") switch
        {
            "max_position_fraction" => RiskLimitKind.MaxPositionFraction,
            "max_gross_exposure" => RiskLimitKind.MaxGrossExposure,
            "max_open_positions" => RiskLimitKind.MaxOpenPositions,
            "max_order_notional" => RiskLimitKind.MaxOrderNotional,
            "max_trades_per_day" => RiskLimitKind.MaxTradesPerDay,
            "max_daily_loss" => RiskLimitKind.MaxDailyLoss,
            "max_drawdown" => RiskLimitKind.MaxDrawdown,
            var other => throw new InvalidOperationException($"Unknown risk limit kind '{other}'."),
        };
        return new RiskLimit(kind, row.Decimal("threshold"), row.NullableText("agent"), row.NullableText("symbol"), row.NullableText("login"));
    }

    /// <summary>The figures for the accounts that have limits.</summary>
    public static async Task<Dictionary<string, AccountRisk>> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<string, List<RiskLimit>> limits,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var accounts = limits.Keys.ToArray();
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var figures = new Dictionary<string, (decimal? DayStart, decimal? Peak)>(StringComparer.Ordinal);
        var trades = accounts.ToDictionary(
            a => a,
            _ => (Total: 0, Agents: new Dictionary<string, int>(StringComparer.Ordinal), Symbols: new Dictionary<string, int>(StringComparer.Ordinal),
                  Logins: new Dictionary<string, int>(StringComparer.Ordinal)),
            StringComparer.Ordinal);

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var sql in new[] { FiguresSql, TradesSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = accounts });
            command.Parameters.Add(new NpgsqlParameter { Value = dayStart });
            batch.BatchCommands.Add(command);
        }

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            var row = new NamedColumns(reader);
            while (await reader.ReadAsync(cancellationToken))
            {
                figures[row.Text("account")] = (row.NullableDecimal("first_today") ?? row.NullableDecimal("last_before"), row.NullableDecimal("peak_equity"));
            }

            await reader.NextResultAsync(cancellationToken);
            row = new NamedColumns(reader);
            while (await reader.ReadAsync(cancellationToken))
            {
                var account = row.Text("account");
                var entry = trades[account];
                var count = row.Int32("orders");
                entry.Total += count;
                if (row.NullableText("agent") is { } agent)
                {
                    entry.Agents[agent] = entry.Agents.GetValueOrDefault(agent) + count;
                }

                if (row.NullableText("login") is { } login)
                {
                    entry.Logins[login] = entry.Logins.GetValueOrDefault(login) + count;
                }

                var symbol = row.Text("symbol");
                entry.Symbols[symbol] = entry.Symbols.GetValueOrDefault(symbol) + count;
                trades[account] = entry;
            }
        }

        return accounts.ToDictionary(
            a => a,
            a => new AccountRisk(limits[a], trades[a].Total, trades[a].Agents, trades[a].Symbols, figures[a].DayStart, figures[a].Peak, trades[a].Logins),
            StringComparer.Ordinal);
    }
}
