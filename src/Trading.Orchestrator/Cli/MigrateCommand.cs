using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Data.Migrations;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading migrate`: apply pending schema migrations.</summary>
public static class MigrateCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("migrate", "Apply pending database migrations (safe to run from several replicas at once).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
            var migrator = new Migrator(database.DataSource, loggers.CreateLogger<Migrator>());
            try
            {
                var result = await migrator.MigrateAsync(cancellationToken);
                if (parse.GetValue(CommonOptions.Json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { database = database.Describe(), applied = result.Applied, upToDate = result.AlreadyApplied, reapplied = result.Reapplied }));
                }
                else if (result.WasUpToDate)
                {
                    Console.WriteLine($"{database.Describe()}: up to date ({result.AlreadyApplied.Count} migrations applied earlier).");
                }
                else
                {
                    Console.WriteLine($"{database.Describe()}: applied {(result.Applied.Count == 0 ? "no migration" : string.Join(", ", result.Applied))}" +
                        $"{(result.Reapplied.Count == 0 ? string.Empty : $"; re-applied views and functions ({string.Join(", ", result.Reapplied)})")}.");
                }

                return ExitCodes.Success;
            }
            catch (MigrationException e)
            {
                Console.Error.WriteLine($"migrate: {e.Message}");
                return ExitCodes.MigrationRefused;
            }
        });
        return command;
    }
}
