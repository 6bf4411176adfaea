using Npgsql;

namespace Trading.Data.Execution.Reading;

/// <summary>
/// Reads the current result set by column name: the names are resolved to ordinals once, when the result set starts
/// (create one per result set, after <c>NextResultAsync</c>). A name the query does not return is an error that names it.
/// </summary>
internal sealed class NamedColumns
{
    private readonly NpgsqlDataReader reader;
    private readonly Dictionary<string, int> ordinals;

    public NamedColumns(NpgsqlDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        this.reader = reader;
        ordinals = new Dictionary<string, int>(reader.FieldCount, StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            ordinals.TryAdd(reader.GetName(i), i); // the first column of a name wins, as GetOrdinal's does
        }
    }

    public int Ordinal(string name) =>
        ordinals.TryGetValue(name, out var ordinal)
            ? ordinal
            : throw new InvalidOperationException($"The query returns no column '{name}' (it returns {string.Join(", ", ordinals.Keys)}).");

    public bool IsNull(string name) => reader.IsDBNull(Ordinal(name));

    public long Int64(string name) => reader.GetInt64(Ordinal(name));

    public long? NullableInt64(string name) => Ordinal(name) is var i && reader.IsDBNull(i) ? null : reader.GetInt64(i);

    public int Int32(string name) => reader.GetInt32(Ordinal(name));

    public string Text(string name) => reader.GetString(Ordinal(name));

    public string? NullableText(string name) => Ordinal(name) is var i && reader.IsDBNull(i) ? null : reader.GetString(i);

    public decimal Decimal(string name) => reader.GetDecimal(Ordinal(name));

    public decimal? NullableDecimal(string name) => Ordinal(name) is var i && reader.IsDBNull(i) ? null : reader.GetDecimal(i);

    public bool Boolean(string name) => reader.GetBoolean(Ordinal(name));

    public DateTimeOffset Time(string name) => reader.GetFieldValue<DateTimeOffset>(Ordinal(name));

    public DateTimeOffset? NullableTime(string name) => Ordinal(name) is var i && reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    public TimeSpan Interval(string name) => reader.GetFieldValue<TimeSpan>(Ordinal(name));
}
