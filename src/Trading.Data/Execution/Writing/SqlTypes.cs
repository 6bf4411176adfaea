namespace Trading.Data.Execution.Writing;

/// <summary>The PostgreSQL type a declared column's C# type is written as: one table, so a column cannot be cast wrong.</summary>
internal static class SqlTypes
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(long)] = "bigint",
        [typeof(int)] = "integer",
        [typeof(string)] = "text",
        [typeof(decimal)] = "numeric",
        [typeof(bool)] = "boolean",
        [typeof(DateTimeOffset)] = "timestamptz",
        [typeof(TimeSpan)] = "interval",
    };

    public static string Of<TValue>()
    {
        var type = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        return Names.TryGetValue(type, out var name)
            ? name
            : throw new NotSupportedException($"No PostgreSQL type is declared for {typeof(TValue).Name}; add it to {nameof(SqlTypes)}.");
    }

    /// <summary>Npgsql writes timestamptz only from UTC offsets: every time is converted here, not at each accessor.</summary>
    public static TValue Normalize<TValue>(TValue value)
    {
        if (typeof(TValue) == typeof(DateTimeOffset))
        {
            return (TValue)(object)((DateTimeOffset)(object)value!).ToUniversalTime();
        }

        if (typeof(TValue) == typeof(DateTimeOffset?) && value is DateTimeOffset time)
        {
            return (TValue)(object)time.ToUniversalTime();
        }

        return value;
    }
}
