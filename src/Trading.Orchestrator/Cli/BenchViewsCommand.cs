using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Trading.Orchestrator.Bench;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading bench views`: the v_paper_* views for one account at 1M trades and 10M snapshots (fresh database).</summary>
public static class BenchViewsCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var trades = new Option<int>("--trades") { Description = "Closed trades of the measured account.", DefaultValueFactory = _ => 1_000_000 };
        var snapshots = new Option<int>("--snapshots") { Description = "Snapshots across all accounts.", DefaultValueFactory = _ => 10_000_000 };
        var accounts = new Option<int>("--accounts") { Description = "Accounts sharing the snapshots.", DefaultValueFactory = _ => 100 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per view (median reported).", DefaultValueFactory = _ => 7 };
        var output = BenchResults.Output("bench-results-views.json");
        var command = new Command("views", "Time the v_paper_* views for one account with 1M trades and 10M snapshots stored (fresh database, dropped after).")
        {
            trades, snapshots, accounts, runs, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(trades) < 1 || parse.GetValue(snapshots) < parse.GetValue(accounts) || parse.GetValue(accounts) < 1 || parse.GetValue(runs) < 1)
            {
                await Console.Error.WriteLineAsync("bench views: --trades, --runs and --accounts must be positive and --snapshots at least --accounts.");
                return ExitCodes.BadArguments;
            }

            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            await using var scratch = await BenchDatabase.CreateAsync(database.ConnectionString, $"bench_views_{stamp}", migrate: true, cancellationToken);
            await AnsiConsole.Status().StartAsync(
                $"loading {parse.GetValue(trades):N0} trades and {parse.GetValue(snapshots):N0} snapshots",
                _ => scratch.ExecuteAsync(ViewsBenchmark.LoadSql(parse.GetValue(trades), parse.GetValue(snapshots), parse.GetValue(accounts)), cancellationToken));
            var timings = await ViewsBenchmark.TimeAsync(scratch.DataSource, parse.GetValue(runs), cancellationToken);

            var saved = await BenchResults.SaveAsync(parse, output, timings, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(saved);
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("view (one account)", "median ms", "max ms");
            foreach (var t in timings)
            {
                table.AddRow(t.View, t.MedianMs.ToString(System.Globalization.CultureInfo.InvariantCulture), t.MaxMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
