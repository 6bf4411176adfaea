using Trading.Data.Embedded;

namespace Trading.Testing;

/// <summary>Whether an extension (Citus, TimescaleDB) is installed next to the PostgreSQL server the tests start.</summary>
internal static class InstalledExtension
{
    /// <summary>Null when <paramref name="name"/>.control is installed; otherwise why the tests that need it are skipped.</summary>
    public static string? SkipReason(string name, string product)
    {
        PostgresBinaries binaries;
        try
        {
            binaries = PostgresBinaries.Locate(null);
        }
        catch (PostgresNotInstalledException e)
        {
            return e.Message;
        }

        return ControlFiles(binaries.BinDirectory, name).Any(File.Exists)
            ? null
            : $"{product} is not installed next to the PostgreSQL server in {binaries.BinDirectory} (no {name}.control); " +
              $"build it with /work/shared/tools/build-extension or your package manager to run the {product} tests (README: contributing).";
    }

    /// <summary>Where PostgreSQL keeps extension control files: beside the binaries, or Debian's /usr/share/postgresql/N.</summary>
    private static IEnumerable<string> ControlFiles(string binDirectory, string name)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(binDirectory))!;
        yield return Path.Combine(root, "share", "extension", $"{name}.control");
        yield return Path.Combine(root, "share", "postgresql", "extension", $"{name}.control");
        yield return Path.Combine("/usr/share/postgresql", Path.GetFileName(root), "extension", $"{name}.control");
    }
}
