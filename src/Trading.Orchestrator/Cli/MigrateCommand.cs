using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Data.Citus;
using Trading.Data.Migrations;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading migrate`: apply pending schema migrations; with --citus, then distribute the schema on a Citus coordinator.</summary>
public static class MigrateCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var citus = new Option<bool>("--citus")
        {
            Description = "After migrating, make the tables reference and distributed ones (colocated by account) on this Citus coordinator. Refuses, changing nothing, what it cannot do.",
        };
        var command = new Command("migrate", "Apply pending database migrations (safe to run from several replicas at once).") { citus };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
            var migrator = new Migrator(database.DataSource, loggers.CreateLogger<Migrator>());
            try
            {
                var result = await migrator.MigrateAsync(cancellationToken);
                var distributed = parse.GetValue(citus)
                    ? await new CitusDistributor(database.DataSource, loggers.CreateLogger<CitusDistributor>()).DistributeAsync(cancellationToken)
                    : null;
                if (parse.GetValue(CommonOptions.Json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(new
                    {
                        database = database.Describe(),
                        applied = result.Applied,
                        upToDate = result.AlreadyApplied,
                        reapplied = result.Reapplied,
                        citus = distributed is null ? null : new
                        {
                            upToDate = distributed.WasUpToDate,
                            shardNodes = distributed.ShardNodes,
                            tables = distributed.Placed.Select(t => new { table = t.Name, placement = t.Placement.ToString(), t.DistributionColumn, t.ColocateWith }),
                            rewrittenPolicies = distributed.RewrittenPolicies,
                        },
                    }));
                    return ExitCodes.Success;
                }

                if (result.WasUpToDate)
                {
                    Console.WriteLine($"{database.Describe()}: up to date ({result.AlreadyApplied.Count} migrations applied earlier).");
                }
                else
                {
                    Console.WriteLine($"{database.Describe()}: applied {(result.Applied.Count == 0 ? "no migration" : string.Join(", ", result.Applied))}" +
                        $"{(result.Reapplied.Count == 0 ? string.Empty : $"; re-applied views and functions ({string.Join(", ", result.Reapplied)})")}.");
                }

                if (distributed is not null)
                {
                    CitusReport.Write(distributed);
                }

                return ExitCodes.Success;
            }
            catch (CitusRefusedException e)
            {
                Console.Error.WriteLine($"migrate --citus: {e.Message}");
                return ExitCodes.MigrationRefused;
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
