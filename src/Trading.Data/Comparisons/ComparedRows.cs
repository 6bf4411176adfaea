using System.Data.Common;
using Npgsql;
using Trading.Engine.Primitives;
using Trading.Strategies.Comparisons;
using Trading.Strategies.Backtesting;

namespace Trading.Data.Comparisons;

/// <summary>
/// Reads the trade and fill rows both loaders select under the same column names (paper_* and backtest_* tables have the
/// same columns): <c>symbol, side, quantity, entry_price, exit_price, entry_time, exit_time, gross_pnl, fees, net_pnl,
/// entry_key, exit_key</c> and, per fill with the prefix <c>en_</c> (entry) or <c>ex_</c> (exit), the columns of
/// <see cref="FillColumns"/>. Columns are read by name, so a query's column order cannot drift from this reader.
/// </summary>
internal static class ComparedRows
{
    /// <summary>The fill columns each loader's fill subquery yields, unprefixed.</summary>
    public const string FillColumns = "quantity, ordered, price, reference_price, quote_bid, quote_ask, quote_last, signal_price, quote_time, fee, notional, slippage_cost";

    /// <summary>The fill subquery's columns as the outer query selects them, e.g. <c>en.quantity AS en_quantity, ...</c>.</summary>
    public static string Prefixed(string alias) =>
        string.Join(", ", FillColumns.Split(", ").Select(c => $"{alias}.{c} AS {alias}_{c}"));

    public static ComparedTrade Trade(DbDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("symbol")),
        reader.GetString(reader.GetOrdinal("side")) == "long" ? PositionSide.Long : PositionSide.Short,
        Decimal(reader, "quantity")!.Value,
        Decimal(reader, "entry_price")!.Value,
        Decimal(reader, "exit_price")!.Value,
        reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("entry_time")),
        reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("exit_time")),
        Decimal(reader, "gross_pnl")!.Value,
        Decimal(reader, "fees")!.Value,
        Decimal(reader, "net_pnl")!.Value,
        SignalKeys.Normalize(Text(reader, "entry_key")),
        SignalKeys.Normalize(Text(reader, "exit_key")),
        Fill(reader, "en_"),
        Fill(reader, "ex_"));

    /// <summary>The fill under <paramref name="prefix"/>; null when the row has none (its quantity is NULL).</summary>
    public static ComparedFill? Fill(DbDataReader reader, string prefix)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (Decimal(reader, prefix + "quantity") is not { } quantity)
        {
            return null;
        }

        return new ComparedFill(
            quantity,
            Decimal(reader, prefix + "ordered") ?? quantity,
            Decimal(reader, prefix + "price")!.Value,
            Decimal(reader, prefix + "reference_price")!.Value,
            ComparedFill.MidOf(Decimal(reader, prefix + "quote_bid"), Decimal(reader, prefix + "quote_ask"), Decimal(reader, prefix + "quote_last")),
            Decimal(reader, prefix + "signal_price"),
            reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal(prefix + "quote_time")),
            Decimal(reader, prefix + "fee")!.Value,
            Decimal(reader, prefix + "notional")!.Value,
            Decimal(reader, prefix + "slippage_cost")!.Value);
    }

    /// <summary>Every row of the command, each read by <paramref name="read"/>; the command is disposed.</summary>
    public static async Task<List<T>> ListAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(read);
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    public static decimal? Decimal(DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
    }

    public static string? Text(DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    /// <summary>A command with positional parameters; a null is a NULL timestamptz (the only nullable parameter the loaders pass).</summary>
    internal static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
                DateTimeOffset t => new NpgsqlParameter { Value = t.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = value },
            });
        }

        return command;
    }
}
