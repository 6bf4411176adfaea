using System.Reflection;

namespace Trading.Data.Migrations;

/// <summary>The migrations compiled into this assembly from db/migrations, in file-name order.</summary>
public static class MigrationSource
{
    private const string Prefix = "migrations/";

    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(MigrationSource).Assembly);

    public static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration {resource} cannot be read.");
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(resource[Prefix.Length..], reader.ReadToEnd()));
        }

        return migrations;
    }
}
