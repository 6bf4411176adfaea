using System.Security.Cryptography;

namespace Trading.Data.Embedded;

/// <summary>The cluster's files and server process: initdb, the settings rewritten at every start, pg_ctl start and status.</summary>
public sealed partial class EmbeddedPostgres
{
    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        LogInitializing(DataDirectory);
        if (Directory.Exists(DataDirectory))
        {
            // A half-made cluster from an interrupted initdb: start again.
            Directory.Delete(DataDirectory, recursive: true);
        }

        Directory.CreateDirectory(DataDirectory);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(PasswordFile, password, cancellationToken);
        RestrictToOwner(PasswordFile);

        // initdb reads the password from a file the server user can read; it lives only as long as initdb runs.
        var passwordForInit = Path.Combine(DataDirectory, "..", $".pw-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordForInit, password, cancellationToken);
        RestrictToOwner(passwordForInit);
        try
        {
            if (runAs is not null && !OperatingSystem.IsWindows())
            {
                // The server user must be able to reach pgdata inside our folder, and nothing more.
                File.SetUnixFileMode(options.Directory,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                await ChownAsync(DataDirectory, cancellationToken);
                await ChownAsync(passwordForInit, cancellationToken);
            }

            var result = await ProcessRunner.RunAsync(binaries.InitDb,
                ["-D", DataDirectory, "-U", SuperUser, "--pwfile", passwordForInit, "-E", "UTF8", "--no-locale",
                 "--auth-host=scram-sha-256", "--auth-local=scram-sha-256"],
                runAs, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"initdb failed ({result.ExitCode}): {result.Output}");
            }
        }
        finally
        {
            File.Delete(passwordForInit);
        }

        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"),
            "\n# Written by trading: the embedded cluster's own settings.\ninclude 'trading.conf'\n", cancellationToken);
        await WriteSettingsAsync(0, cancellationToken);
    }

    private async Task WriteSettingsAsync(int port, CancellationToken cancellationToken)
    {
        var durable = options.Durable ? "on" : "off";
        var settings = $"""
            # Rewritten by trading at every start.
            port = {port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            max_connections = 200
            shared_buffers = '256MB'
            fsync = {durable}
            full_page_writes = {durable}
            synchronous_commit = {durable}
            log_min_messages = warning
            """;
        await File.WriteAllTextAsync(SettingsFile, settings + "\n", cancellationToken);
        if (runAs is not null)
        {
            await ChownAsync(SettingsFile, cancellationToken);
        }
    }

    private int ReadConfiguredPort()
    {
        if (!File.Exists(SettingsFile))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(SettingsFile))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "port" && int.TryParse(parts[1], out var port))
            {
                return port;
            }
        }

        return 0;
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(binaries.PgCtl, ["status", "-D", DataDirectory], runAs, cancellationToken);
        return result.ExitCode == 0;
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var log = Path.Combine(DataDirectory, "server.log");
        var result = await ProcessRunner.RunAsync(binaries.PgCtl,
            ["start", "-w", "-t", ((int)options.StartTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-D", DataDirectory, "-l", log],
            runAs, cancellationToken);
        if (!result.Succeeded)
        {
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : string.Empty;
            throw new InvalidOperationException($"pg_ctl start failed ({result.ExitCode}): {result.Output}\n{tail}");
        }
    }

    private async Task ChownAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("chown", ["-R", $"{options.ServiceUser}:", path], null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Running as root, the embedded PostgreSQL runs as the user '{options.ServiceUser}', but chown failed: " +
                $"{result.Output} Create that user (Debian's postgresql package does) or run as a normal user.");
        }
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
