namespace Trading.Data.Embedded;

/// <summary>Whether an extension (Citus, TimescaleDB) is installed next to the PostgreSQL server binaries the program starts.</summary>
public static class ServerExtension
{
    /// <summary>
    /// Null when <paramref name="name"/>.so and <paramref name="name"/>.control are installed beside the server of
    /// <paramref name="binDirectory"/> (found automatically when null); otherwise what is missing, naming
    /// <paramref name="product"/>.
    /// </summary>
    public static string? MissingReason(string? binDirectory, string name, string product)
    {
        PostgresBinaries binaries;
        try
        {
            binaries = PostgresBinaries.Locate(binDirectory);
        }
        catch (PostgresNotInstalledException e)
        {
            return e.Message;
        }

        var root = Path.GetDirectoryName(Path.GetFullPath(binaries.BinDirectory))!;
        string[] libraries = [Path.Combine(root, "lib", $"{name}.so"), Path.Combine(root, "lib", "postgresql", $"{name}.so")];
        // Extension control files live beside the binaries, or in Debian's /usr/share/postgresql/N.
        string[] controls =
        [
            Path.Combine(root, "share", "extension", $"{name}.control"),
            Path.Combine(root, "share", "postgresql", "extension", $"{name}.control"),
            Path.Combine("/usr/share/postgresql", Path.GetFileName(root), "extension", $"{name}.control"),
        ];
        return libraries.Any(File.Exists) && controls.Any(File.Exists)
            ? null
            : $"{product} is not installed next to the PostgreSQL server in {binaries.BinDirectory} (no {name}.so and {name}.control); " +
              "build it with /work/shared/tools/build-extension or your package manager (README).";
    }
}
