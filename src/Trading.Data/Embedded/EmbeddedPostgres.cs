using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Data.Embedded;

/// <summary>
/// A private PostgreSQL cluster in a folder of its own: created by initdb on first use, started with pg_ctl on a free
/// loopback port, reused on the next start. Password authentication only, TCP on 127.0.0.1 only, no Unix socket.
/// When this process runs as root the server runs as an unprivileged user (PostgreSQL refuses root).
/// A cluster this instance started is stopped on dispose; one that was already running is left alone.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "trading";
    private readonly EmbeddedPostgresOptions options;
    private readonly PostgresBinaries binaries;
    private readonly ILogger logger;
    private readonly string? runAs;
    private bool startedHere;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, PostgresBinaries binaries, ILogger logger)
    {
        this.options = options;
        this.binaries = binaries;
        this.logger = logger;
        runAs = Environment.IsPrivilegedProcess ? options.ServiceUser : null;
    }

    public string DataDirectory => Path.Combine(options.Directory, "pgdata");

    public int Port { get; private set; }

    /// <summary>Connection string to the configured database (created when missing).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Connection string to the maintenance database, for CREATE DATABASE and the like.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    public static async Task<EmbeddedPostgres> StartAsync(
        EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var server = new EmbeddedPostgres(options, PostgresBinaries.Locate(options.BinDirectory), logger);
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    private string PasswordFile => Path.Combine(options.Directory, "password");

    private string SettingsFile => Path.Combine(DataDirectory, "trading.conf");

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Directory);
        // One process at a time creates or starts the cluster; others wait here, then find it running.
        await using var startLock = await AcquireStartLockAsync(cancellationToken);

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(cancellationToken);
        }

        var password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken)).Trim();
        if (await IsRunningAsync(cancellationToken))
        {
            Port = ReadConfiguredPort();
            LogReusing(DataDirectory, Port);
        }
        else
        {
            Port = ReadConfiguredPort();
            if (Port == 0 || !LoopbackPort.IsFree(Port))
            {
                Port = LoopbackPort.Free();
            }

            await WriteSettingsAsync(Port, cancellationToken);
            await StartServerAsync(cancellationToken);
            startedHere = true;
            LogStarted(DataDirectory, Port);
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        };
        AdminConnectionString = builder.ConnectionString;
        builder.Database = options.Database;
        ConnectionString = builder.ConnectionString;
        await EnsureDatabaseAsync(options.Database, cancellationToken);
    }

    private async Task<FileStream> AcquireStartLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Directory, "start.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another process created it between the check and the create.
            }
        }
    }

    /// <summary>Restarts the server (fast shutdown: open sessions are terminated), as an operator or a failover would.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(binaries.PgCtl,
            ["restart", "-m", "fast", "-w", "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log")], runAs, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_ctl restart failed ({result.ExitCode}): {result.Output}");
        }
    }

    /// <summary>The superuser initdb created; psql and other clients log in as it.</summary>
    public static string SuperUserName => SuperUser;

    /// <summary>Leaves the server running after dispose, for psql and the next commands (`trading db start`).</summary>
    public void KeepRunning() => startedHere = false;

    /// <summary>
    /// Writes a libpq password file for this server (mode 0600, beside the password) and returns its path, so psql can
    /// log in without the password on a command line or in the environment. Rewritten on every call: the port may move.
    /// </summary>
    public async Task<string> WritePassFileAsync(CancellationToken cancellationToken)
    {
        var password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken)).Trim();
        var path = Path.Combine(options.Directory, "pgpass");
        await File.WriteAllTextAsync(path, $"127.0.0.1:{Port}:*:{SuperUser}:{password}\n", cancellationToken);
        RestrictToOwner(path);
        return path;
    }

    /// <summary>Stops the cluster in <paramref name="options"/>'s folder whoever started it; false when it was not running.</summary>
    public static async Task<bool> StopAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new EmbeddedPostgres(options, PostgresBinaries.Locate(options.BinDirectory), logger);
        if (!File.Exists(Path.Combine(server.DataDirectory, "PG_VERSION")) || !await server.IsRunningAsync(cancellationToken))
        {
            return false;
        }

        server.startedHere = true;
        await server.DisposeAsync();
        return true;
    }

    /// <summary>Stops the server when this instance started it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!startedHere)
        {
            return;
        }

        startedHere = false;
        NpgsqlConnection.ClearAllPools();
        var result = await ProcessRunner.RunAsync(binaries.PgCtl, ["stop", "-m", "fast", "-w", "-D", DataDirectory],
            runAs, CancellationToken.None);
        if (!result.Succeeded)
        {
            LogStopFailed(result.Output);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating the embedded PostgreSQL cluster in {Directory}")]
    private partial void LogInitializing(string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the embedded PostgreSQL in {Directory} on 127.0.0.1:{Port}")]
    private partial void LogStarted(string directory, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the embedded PostgreSQL already running in {Directory} on 127.0.0.1:{Port}")]
    private partial void LogReusing(string directory, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping the embedded PostgreSQL failed: {Output}")]
    private partial void LogStopFailed(string output);
}
