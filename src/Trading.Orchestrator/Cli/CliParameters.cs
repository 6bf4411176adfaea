using Npgsql;
using NpgsqlTypes;

namespace Trading.Orchestrator.Cli;

/// <summary>Typed, nullable query parameters: an option not given is sent as NULL, never as a guessed value.</summary>
public static class CliParameters
{
    public static NpgsqlParameter Text(string? value) => Typed(NpgsqlDbType.Text, value);

    public static NpgsqlParameter Number(decimal? value) => Typed(NpgsqlDbType.Numeric, value);

    public static NpgsqlParameter Id(long? value) => Typed(NpgsqlDbType.Bigint, value);

    public static NpgsqlParameter Timestamp(DateTimeOffset? value) => Typed(NpgsqlDbType.TimestampTz, value);

    public static NpgsqlParameter Interval(TimeSpan? value) => Typed(NpgsqlDbType.Interval, value);

    /// <summary>A flag left off is NULL (the column keeps its default); only a flag given changes the row.</summary>
    public static NpgsqlParameter Flag(bool value) => Typed(NpgsqlDbType.Boolean, value ? true : null);

    private static NpgsqlParameter Typed(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
