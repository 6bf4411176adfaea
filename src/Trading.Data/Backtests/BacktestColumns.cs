using System.Collections;
using Npgsql;

namespace Trading.Data.Backtests;

/// <summary>
/// A child table of backtest_runs as (column, SQL type, value) triples: one declaration gives the column list, the
/// unnest() types and the values, so a column cannot be written in the wrong place. Rows are inserted as one array per
/// column, the run id first.
/// </summary>
internal sealed class BacktestColumns<T>(string table, IReadOnlyList<(string Name, string Type, Func<T, object?> Value)> columns)
{
    private readonly string sql =
        $"INSERT INTO {table} (run_id, {string.Join(", ", columns.Select(c => c.Name))}) " +
        $"SELECT $1, * FROM unnest({string.Join(", ", columns.Select((c, i) => $"${i + 2}::{c.Type}[]"))})";

    public async Task InsertAsync(NpgsqlConnection connection, long run, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = run });
        foreach (var (_, _, value) in columns)
        {
            var array = new object?[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                array[i] = value(rows[i]) ?? DBNull.Value;
            }

            command.Parameters.Add(new NpgsqlParameter { Value = Typed(array) });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Npgsql infers an array's element type from the CLR type: an object[] is turned into the first value's type.
    private static Array Typed(object?[] values)
    {
        var type = values.FirstOrDefault(v => v is not DBNull)?.GetType() ?? typeof(string);
        var typed = Array.CreateInstance(type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            ((IList)typed)[i] = values[i] is DBNull ? null : values[i];
        }

        return typed;
    }
}
