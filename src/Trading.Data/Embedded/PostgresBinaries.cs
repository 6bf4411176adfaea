namespace Trading.Data.Embedded;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl) live on this machine.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>
    /// The configured folder, else the folder of an initdb on PATH, else the newest /usr/lib/postgresql/N/bin
    /// (Debian's layout, whose binaries are not on PATH).
    /// </summary>
    public static PostgresBinaries Locate(string? configuredBinDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredBinDirectory))
        {
            return File.Exists(Path.Combine(configuredBinDirectory, "initdb"))
                ? new PostgresBinaries(configuredBinDirectory)
                : throw new PostgresNotInstalledException(
                    $"Embedded:BinDirectory is {configuredBinDirectory}, but it has no initdb.");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "initdb");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                // Follow a symlink (Debian links /usr/local/bin/initdb into /usr/lib/postgresql/N/bin).
                var target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
                return new PostgresBinaries(Path.GetDirectoryName(target)!);
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return new PostgresBinaries(Path.Combine(newest.Dir, "bin"));
            }
        }

        throw new PostgresNotInstalledException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql. " +
            "Install the server: Debian/Ubuntu `sudo apt-get install postgresql`, Fedora `sudo dnf install " +
            "postgresql-server`, macOS `brew install postgresql@16`; or point the program at an existing server " +
            "with --connection or the environment variable ConnectionStrings__Trading.");
    }
}
