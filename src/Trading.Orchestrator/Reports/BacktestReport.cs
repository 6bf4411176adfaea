using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Trading.Orchestrator.Reports;

/// <summary>What the HTML report needs of a stored backtest run beyond an account's: its source of figures and its trades.</summary>
public static class BacktestReport
{
    private const string TradesSql = """
        SELECT trade_id, symbol, side, quantity, entry_time, entry_price, exit_time, exit_price, fees, net_pnl, signal_key, entry_signal_key
        FROM backtest_trades
        WHERE run_id = $1 AND ($2::timestamptz IS NULL OR exit_time >= $2) AND ($3::timestamptz IS NULL OR exit_time < $3)
        ORDER BY trade_id
        LIMIT 500
        """;

    /// <summary>The run's figures source; null when there is no such run (or the caller may not read it).</summary>
    public static async Task<PerformanceSource?> SourceAsync(NpgsqlDataSource dataSource, long run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("SELECT name FROM backtest_runs WHERE run_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = run });
        return await command.ExecuteScalarAsync(cancellationToken) is string name ? PerformanceSource.Backtest(run, name) : null;
    }

    /// <summary>A card with the run's trades (the first 500 in the window), encoded.</summary>
    public static async Task<string> TradesHtmlAsync(NpgsqlDataSource dataSource, long run, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(TradesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = run });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = from is { } f ? f.UtcDateTime : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = to is { } t ? t.UtcDateTime : DBNull.Value });
        var html = new StringBuilder("<div class=\"card\"><div class=\"chart-title\">Trades</div><table class=\"metrics\"><tr>");
        foreach (var header in new[] { "#", "Symbol", "Side", "Quantity", "Entry", "Entry price", "Exit", "Exit price", "Fees", "Net P&L", "Entry signal", "Exit signal" })
        {
            html.Append("<td class=\"k\">").Append(WebUtility.HtmlEncode(header)).Append("</td>");
        }

        html.Append("</tr>");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var net = reader.GetDecimal(9);
            html.Append("<tr>");
            for (var i = 0; i < 12; i++)
            {
                var text = reader.IsDBNull(i) ? "-" : reader.GetValue(i) switch
                {
                    DateTime time => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    decimal number => number.ToString("#,0.####", CultureInfo.InvariantCulture),
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "-",
                };
                var css = i == 9 ? (net > 0 ? "v pos" : net < 0 ? "v neg" : "v") : "v";
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"{css}\">{WebUtility.HtmlEncode(text)}</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</table></div>\n").ToString();
    }
}
