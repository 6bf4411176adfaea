using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.Embedded;

namespace Trading.Orchestrator.Hosting;

/// <summary>
/// The database a command works on: the configured server, or the embedded default started for it. Disposing stops
/// an embedded cluster this process started.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly EmbeddedPostgres? embedded;

    private Database(string connectionString, EmbeddedPostgres? embedded)
    {
        ConnectionString = connectionString;
        this.embedded = embedded;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The execution path sends the same dozen statements for every batch: prepare them once per connection rather
        // than parse and plan them each time (a setting in the connection string wins).
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        DataSource = builder.Build();
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public bool IsEmbedded => embedded is not null;

    /// <summary>The embedded server behind this database, when it is one.</summary>
    public EmbeddedPostgres? Embedded => embedded;

    /// <summary>Host and port without credentials, for logs and messages.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        // The user is part of the address a psql needs; the password never is.
        var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : $"{Uri.EscapeDataString(builder.Username)}@";
        return $"{(IsEmbedded ? "embedded " : string.Empty)}postgresql://{user}{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public static async Task<Database> OpenAsync(DatabaseOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new Database(options.ConnectionString, null);
        }

        var server = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { Directory = options.EmbeddedDirectory, BinDirectory = options.EmbeddedBinDirectory },
            loggers.CreateLogger<EmbeddedPostgres>(), cancellationToken);
        return new Database(server.ConnectionString, server);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (embedded is not null)
        {
            await embedded.DisposeAsync();
        }
    }
}
