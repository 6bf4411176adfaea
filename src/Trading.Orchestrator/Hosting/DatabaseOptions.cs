namespace Trading.Orchestrator.Hosting;

/// <summary>Where the database is: configuration keys ConnectionStrings:Trading and Embedded:*.</summary>
public sealed record DatabaseOptions
{
    public const string ConnectionStringName = "Trading";

    /// <summary>An explicit connection string; null means the embedded default.</summary>
    public string? ConnectionString { get; init; }

    public string EmbeddedDirectory { get; init; } = Trading.Data.Embedded.EmbeddedPostgresOptions.DefaultDirectory();

    public string? EmbeddedBinDirectory { get; init; }
}
