using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>Options every command shares, and how they combine with configuration.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Connection = new("--connection", "-c")
    {
        Description = "PostgreSQL connection string. Default: configuration key ConnectionStrings:Trading " +
                      "(environment ConnectionStrings__Trading), else a private embedded PostgreSQL. Keep passwords " +
                      "out of it (a command line is visible in ps): use PGPASSWORD, or a password file (PGPASSFILE, " +
                      "~/.pgpass, or Passfile=... in the string).",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Log info lines to stderr (quiet by default except for `run`), and on an error print the full trace after the one-line message.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of text.",
        Recursive = true,
    };

    /// <summary>Configuration: appsettings.json beside the program or in the working folder, then the environment.</summary>
    public static IConfiguration Configuration(string[] args) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    public static DatabaseOptions DatabaseOptions(ParseResult parse, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(configuration);
        var explicitConnection = parse.GetValue(Connection);
        var options = new DatabaseOptions
        {
            ConnectionString = !string.IsNullOrWhiteSpace(explicitConnection)
                ? explicitConnection
                : configuration.GetConnectionString(Hosting.DatabaseOptions.ConnectionStringName),
            EmbeddedBinDirectory = configuration["Embedded:BinDirectory"],
        };
        var directory = configuration["Embedded:Directory"];
        return string.IsNullOrWhiteSpace(directory) ? options : options with { EmbeddedDirectory = directory };
    }
}
