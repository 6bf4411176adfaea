using System.CommandLine;
using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.Embedded;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var configuration = CommonOptions.Configuration(args);
        using var loggers = LoggerFactory.Create(b => b
            // Logs go to stderr so that stdout carries only a command's output (tables, --json).
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Npgsql", LogLevel.Warning));

        var root = new RootCommand("trading: a paper-trading decision orchestrator on PostgreSQL.");
        root.Options.Add(CommonOptions.Connection);
        root.Options.Add(CommonOptions.Json);
        root.Subcommands.Add(MigrateCommand.Create(configuration, loggers));
        root.Subcommands.Add(FeedCommand.Create(configuration, loggers));
        root.Subcommands.Add(BenchCommand.Create(configuration, loggers));

        try
        {
            return await root.Parse(args).InvokeAsync();
        }
        catch (PostgresNotInstalledException e)
        {
            await Console.Error.WriteLineAsync($"trading: {e.Message}");
            return ExitCodes.DatabaseUnavailable;
        }
        catch (NpgsqlException e) when (e.InnerException is System.Net.Sockets.SocketException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"trading: cannot reach the database: {e.Message}");
            return ExitCodes.DatabaseUnavailable;
        }
    }
}
