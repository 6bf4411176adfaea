using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;
using Trading.Data.Migrations;
using Trading.Orchestrator.Demo;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading demo`: the product in one command. The embedded PostgreSQL (unless a database is configured), the
/// migrations, the simulated feed, a sample agent writing decisions, and the orchestrator, with a live dashboard.
/// </summary>
public static class DemoCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = new Option<string>("--account", "-a") { Description = "The demo's account.", DefaultValueFactory = _ => "demo" };
        var fresh = new Option<bool>("--fresh") { Description = "Start the account over (its decisions, orders, trades and snapshots are deleted)." };
        var seconds = new Option<int?>("--seconds") { Description = "Stop this many seconds after the orchestrator has started (default: run until Ctrl+C)." };
        var pace = new Option<int>("--decisions-per-second") { Description = "How often the sample agent decides.", DefaultValueFactory = _ => 3 };
        var noStrategy = new Option<bool>("--no-strategy")
        {
            Description = "Do not run the demo's strategy session (an RSI mean reversion on 1-minute bars, on the account <account>-strategy).",
        };
        var command = new Command("demo", "Run everything at once on a private database: price feed, a sample agent, a strategy session, the orchestrator, a live dashboard.")
        {
            account, fresh, seconds, pace, noStrategy,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(account)!;
            if (parse.GetValue(pace) is < 1 or > 1000 || parse.GetValue(seconds) is < 1)
            {
                await Console.Error.WriteLineAsync("demo: --decisions-per-second must be 1..1000 and --seconds positive.");
                return ExitCodes.BadArguments;
            }

            var settings = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Feed:Mode"] = "simulated",
                ["Feed:Interval"] = "00:00:00.250",
                ["Orchestrator:SnapshotInterval"] = "00:00:02",
                ["Logging:LogLevel:Default"] = "Warning",
            }).Build();
            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, settings), loggers, cancellationToken);
            await new Migrator(database.DataSource, loggers.CreateLogger<Migrator>()).MigrateAsync(cancellationToken);
            await PrepareAccountAsync(database.DataSource, name, parse.GetValue(fresh), cancellationToken);
            if (!parse.GetValue(noStrategy))
            {
                await DemoStrategy.StartAsync(database.DataSource, name, TimeProvider.System, loggers, cancellationToken);
            }

            var agent = new SampleAgentOptions(name, TimeSpan.FromSeconds(1.0 / parse.GetValue(pace)), Seed: 7);
            using var host = OrchestratorHost.Build(database, settings, services =>
            {
                services.AddSingleton(agent);
                services.AddHostedService<SampleAgent>();
            });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await host.StartAsync(CancellationToken.None);
            if (parse.GetValue(seconds) is { } limit)
            {
                // Counted from a started host: on a loaded machine start-up alone can take longer than a short demo.
                stop.CancelAfter(TimeSpan.FromSeconds(limit));
            }

            Console.Error.WriteLine($"demo: {database.Describe()}, account '{name}'; Ctrl+C stops");
            try
            {
                if (parse.GetValue(CommonOptions.Json))
                {
                    // A script reads one JSON document at the end; a dashboard on stdout would corrupt it.
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }

                await ShowAsync(database.DataSource, name, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Time is up or Ctrl+C: stop everything in order below.
            }

            await host.StopAsync(CancellationToken.None);
            var final = await DemoSnapshot.ReadAsync(database.DataSource, name, CancellationToken.None);
            if (parse.GetValue(CommonOptions.Json))
            {
                // Named fields: System.Text.Json writes a tuple's items as nothing.
                CliOutput.Json(new
                {
                    account = name,
                    final.Equity,
                    final.Cash,
                    final.TotalPnl,
                    final.RealizedPnl,
                    final.UnrealizedPnl,
                    positions = final.Positions.Select(p => new { p.Symbol, p.Side, p.Quantity, p.Entry, p.Mark, p.Pnl }),
                    decisions = final.Decisions,
                    final.LatencyP50Ms,
                    final.LatencyP99Ms,
                    final.Snapshots,
                });
            }
            else
            {
                Console.WriteLine($"demo stopped: {DemoDashboard.Line(final)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task ShowAsync(NpgsqlDataSource dataSource, string account, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                Console.WriteLine(DemoDashboard.Line(await DemoSnapshot.ReadAsync(dataSource, account, cancellationToken)));
            }
        }

        var first = await DemoSnapshot.ReadAsync(dataSource, account, cancellationToken);
        await AnsiConsole.Live(DemoDashboard.Render(account, first)).StartAsync(async live =>
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                live.UpdateTarget(DemoDashboard.Render(account, await DemoSnapshot.ReadAsync(dataSource, account, cancellationToken)));
            }
        });
    }

    /// <summary>
    /// Creates the demo account (shorting allowed) if missing; with --fresh, deletes its history first (orders and
    /// decisions point at each other, so they go in one statement: foreign keys are checked at its end).
    /// </summary>
    private static async Task PrepareAccountAsync(NpgsqlDataSource dataSource, string account, bool fresh, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = fresh
            ? """
              DELETE FROM paper_ledger WHERE account = $1;
              DELETE FROM paper_trades WHERE account = $1;
              DELETE FROM paper_portfolio_snapshots WHERE account = $1;
              DELETE FROM paper_account_stats WHERE account = $1;
              DELETE FROM paper_daily_equity WHERE account = $1;
              DELETE FROM paper_positions WHERE account = $1;
              DELETE FROM paper_fills WHERE account = $1;
              WITH orders AS (DELETE FROM paper_orders WHERE account = $1) DELETE FROM trading_decisions WHERE account = $1;
              DELETE FROM accounts WHERE account = $1;
              """
            : string.Empty;
        foreach (var statement in (sql + "INSERT INTO accounts (account, initial_capital, cash, allow_shorting) VALUES ($1, 100000, 100000, true) ON CONFLICT DO NOTHING;")
                     .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = account });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
