using System.Reflection;

namespace Trading.Data.Migrations;

/// <summary>
/// The schema compiled into this assembly: the numbered migrations of db/migrations and the repeatable files of
/// db/repeatable, each in file-name order (functions/ before views/).
/// </summary>
public static class MigrationSource
{
    private const string Prefix = "migrations/";
    private const string RepeatablePrefix = "repeatable/";

    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(MigrationSource).Assembly);

    public static IReadOnlyList<Repeatable> EmbeddedRepeatables { get; } = LoadRepeatables(typeof(MigrationSource).Assembly);

    public static IReadOnlyList<Migration> Load(Assembly assembly) =>
        Read(assembly, Prefix).Select(f => new Migration(f.Name, f.Sql)).ToList();

    public static IReadOnlyList<Repeatable> LoadRepeatables(Assembly assembly) =>
        Read(assembly, RepeatablePrefix).Select(f => new Repeatable(f.Name, f.Sql)).ToList();

    private static List<(string Name, string Sql)> Read(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var files = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded SQL file {resource} cannot be read.");
            using var reader = new StreamReader(stream);
            files.Add((resource[prefix.Length..], reader.ReadToEnd()));
        }

        return files;
    }
}
