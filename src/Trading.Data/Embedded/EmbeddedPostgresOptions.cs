namespace Trading.Data.Embedded;

/// <summary>Settings of the private PostgreSQL cluster the program starts when no database is configured.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>Folder holding the cluster (pgdata/), its password and lock files. Reused across runs.</summary>
    public required string Directory { get; init; }

    /// <summary>Folder of initdb and pg_ctl; found automatically when null.</summary>
    public string? BinDirectory { get; init; }

    public string Database { get; init; } = "trading";

    /// <summary>
    /// Durable (fsync on) for the product; the test harness turns it off because its clusters are thrown away.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>The unprivileged OS user that runs the server when this process runs as root.</summary>
    public string ServiceUser { get; init; } = "postgres";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The default folder: /var/lib/trading/embedded for root, else $XDG_DATA_HOME/trading/embedded.</summary>
    public static string DefaultDirectory()
    {
        if (Environment.IsPrivilegedProcess)
        {
            return "/var/lib/trading/embedded";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "trading", "embedded");
    }
}
