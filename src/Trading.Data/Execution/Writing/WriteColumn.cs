using Npgsql;

namespace Trading.Data.Execution.Writing;

/// <summary>
/// One declared column of a <see cref="WriteTable{TRow}"/>: its name, its PostgreSQL type (derived from the C# type
/// the accessor returns, so the SQL cast and the array sent cannot disagree) and how it is read from a row.
/// </summary>
internal abstract class WriteColumn<TRow>
{
    private protected WriteColumn(string name, string sqlType, bool inTable)
    {
        Name = name;
        SqlType = sqlType;
        InTable = inTable;
    }

    public string Name { get; }

    /// <summary>The element type of the array parameter (<c>bigint</c>, <c>numeric</c>, <c>timestamptz</c> …).</summary>
    public string SqlType { get; }

    /// <summary>False for a value the statement uses without storing it as such (a guard, a flag).</summary>
    public bool InTable { get; }

    /// <summary>The column's values for the rows, as one typed array parameter.</summary>
    internal abstract NpgsqlParameter Parameter(IReadOnlyList<TRow> rows);
}

/// <inheritdoc />
internal sealed class WriteColumn<TRow, TValue>(string name, Func<TRow, TValue> read, bool inTable)
    : WriteColumn<TRow>(name, SqlTypes.Of<TValue>(), inTable)
{
    internal override NpgsqlParameter Parameter(IReadOnlyList<TRow> rows)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = SqlTypes.Normalize(read(rows[i]));
        }

        return new NpgsqlParameter<TValue[]> { TypedValue = values };
    }
}
