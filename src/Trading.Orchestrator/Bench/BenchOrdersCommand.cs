using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Hosting;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Bench;

/// <summary>`trading bench orders`: quote → every working order matched, and the fills when the market crosses them.</summary>
public static class BenchOrdersCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var accounts = new Option<int>("--accounts") { Description = "Accounts holding working orders.", DefaultValueFactory = _ => 100 };
        var orders = new Option<int>("--orders-per-account") { Description = "Resting limits per account.", DefaultValueFactory = _ => 20 };
        var rounds = new Option<int>("--rounds") { Description = "Timed quotes that move the market without crossing.", DefaultValueFactory = _ => 100 };
        var workers = new Option<int>("--workers") { Description = "Execution loops of the orchestrator.", DefaultValueFactory = _ => 3 };
        var output = BenchResults.Output("bench-results-orders.json");
        var command = new Command("orders", "Measure quote → every working order matched, and the fills of a crossing market, against a `trading run` child (fresh database, dropped after).")
        {
            accounts, orders, rounds, workers, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(accounts) < 1 || parse.GetValue(orders) < 1 || parse.GetValue(rounds) < 1 || parse.GetValue(workers) < 1)
            {
                await Console.Error.WriteLineAsync("bench orders: --accounts, --orders-per-account, --rounds and --workers must be positive.");
                return ExitCodes.BadArguments;
            }

            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
            // A fresh database, dropped after: rows left by earlier runs would slow this one (and the figures drift run to run).
            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            await using var scratch = await BenchDatabase.CreateAsync(database.ConnectionString, $"bench_orders_{stamp}", migrate: true, cancellationToken);
            var settings = new OrdersBenchmark.Settings(parse.GetValue(accounts), parse.GetValue(orders), parse.GetValue(rounds), parse.GetValue(workers));
            var result = await new OrdersBenchmark(scratch.DataSource, scratch.ConnectionString).RunAsync(settings, cancellationToken);

            await BenchResults.ReportAsync(parse, output, result,
            [
                ("working orders", $"{result.WorkingOrders} over {result.Accounts} accounts"),
                ("quote → all matched p50 / p95 / p99 / max", $"{result.P50Ms} / {result.P95Ms} / {result.P99Ms} / {result.MaxMs} ms ({result.Rounds} quotes)"),
                ("order evaluations at p50", $"{result.OrderEvaluationsPerSecond:N0} per second"),
                ("rows written during the quotes", $"{result.OrderRowsRewritten:N0} order rows, {result.MarkRowsWritten:N0} (account, symbol) marks"),
                ("crossing market: fills", $"{result.CrossFills} in {result.CrossMs} ms ({result.CrossFillsPerSecond:N0} fills/s)"),
                ("invariant violations", result.InvariantViolations.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("orchestrator peak RSS / CPU", $"{result.OrchestratorPeakRssMiB} MiB / {result.OrchestratorCpuSeconds} s"),
            ], cancellationToken);
            return result.InvariantViolations == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
