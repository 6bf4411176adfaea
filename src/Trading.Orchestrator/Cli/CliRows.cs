using System.Reflection;
using Npgsql;
using Trading.Data.Client;

namespace Trading.Orchestrator.Cli;

/// <summary>Result rows as ordered column → value maps: what the list commands print as a table or as JSON.</summary>
public static class CliRows
{
    public static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>(reader.FieldCount, StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Typed rows (the client's entities, or a projection of them) as the same maps: a property's column name is its
    /// snake_case (<see cref="TradingDbContext.ColumnName"/>), in declaration order, which is the view's column order
    /// (a test holds the entities to it).
    /// </summary>
    public static List<Dictionary<string, object?>> From<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken)
            .Select(p => (Name: TradingDbContext.ColumnName(p.Name), Property: p)).ToArray();
        return items.Select(item =>
        {
            var row = new Dictionary<string, object?>(properties.Length, StringComparer.Ordinal);
            foreach (var (name, property) in properties)
            {
                row[name] = property.GetValue(item) is { } value ? Normalize(value) : null;
            }

            return row;
        }).ToList();
    }

    /// <summary>numeric(28,10) arrives as 5000.0000000000: drop the trailing zeros, keep the exact value.</summary>
    public static object Normalize(object value) => value is decimal d ? Trim(d) : value;

    public static decimal Trim(decimal value) => value / 1.0000000000000000000000000000m;

    public static decimal? Trim(decimal? value) => value is { } d ? Trim(d) : null;
}
