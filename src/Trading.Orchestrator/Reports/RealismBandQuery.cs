using Npgsql;
using NpgsqlTypes;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Reports;

/// <summary>Reads an account's <see cref="RealismBand"/>: its row of v_paper_realism_band, then its strategies' rows.</summary>
public static class RealismBandQuery
{
    // The account's row first (strategy NULL, is_account true), then its strategies, the largest traded first.
    private const string Sql = """
        SELECT true AS is_account, NULL::text AS strategy, fills, traded_notional, actual_pnl, optimistic_pnl, pessimistic_pnl
        FROM v_paper_realism_band WHERE account = $1
        UNION ALL
        SELECT false, strategy, fills, traded_notional, actual_pnl, optimistic_pnl, pessimistic_pnl
        FROM v_paper_realism_band_by_strategy WHERE account = $1
        ORDER BY is_account DESC, traded_notional DESC, strategy NULLS LAST
        """;

    /// <summary>The band of <paramref name="account"/>; null when the account has no row (archived or unknown).</summary>
    public static async Task<RealismBand?> ReadAsync(NpgsqlDataSource dataSource, string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = account });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        decimal? N(int i) => reader.IsDBNull(i) ? null : CliRows.Trim(reader.GetDecimal(i));
        RealismBandRow? total = null;
        var strategies = new List<RealismBandRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new RealismBandRow(
                reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), N(3) ?? 0, N(4), N(5), N(6));
            if (reader.GetBoolean(0))
            {
                total = row;
            }
            else
            {
                strategies.Add(row);
            }
        }

        return total is null ? null : new RealismBand(total, strategies);
    }
}
