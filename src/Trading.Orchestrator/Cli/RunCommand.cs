using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Trading.Data.Migrations;
using Trading.Orchestrator.Execution;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading run`: execute decisions continuously until stopped (Ctrl+C / SIGTERM finish the batch in hand).</summary>
public static class RunCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var workers = new Option<int?>("--workers") { Description = "Execution loops in this process (Orchestrator:Workers, default 3)." };
        var command = new Command("run", "Run the orchestrator: execute pending and new decisions, write snapshots, until stopped. Logs a one-line summary every " +
            "Orchestrator:SummaryInterval (30 s: decisions by status, fills, latency); --verbose adds each rejection with its reason.");
        command.Options.Add(workers);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(workers) is { } count)
            {
                overrides[$"{OrchestratorOptions.Section}:Workers"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(CommonOptions.Verbose))
            {
                // --verbose adds each rejection with its reason (debug) to the periodic summary (info).
                overrides["Logging:LogLevel:Trading.Orchestrator.Execution"] = "Debug";
            }

            var settings = overrides.Count == 0 ? configuration : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();

            await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, settings), loggers, cancellationToken);
            var options = settings.GetSection(OrchestratorOptions.Section).Get<OrchestratorOptions>() ?? new OrchestratorOptions();
            var log = loggers.CreateLogger("trading.run");
            try
            {
                // A database that is still starting, restarting or cutting sessions is waited for, not fatal.
                await StartupRetry(log).ExecuteAsync(async ct =>
                {
                    await using var probe = await database.DataSource.OpenConnectionAsync(ct);
                    if (options.MigrateOnStart)
                    {
                        await new Migrator(database.DataSource, loggers.CreateLogger<Migrator>()).MigrateAsync(ct);
                    }
                }, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }

            using var host = OrchestratorHost.Build(database, settings, services => services.AddHostedService<RunSummary>());
            // RunAsync disposes the host's services when it returns; keep the counters before that.
            var counters = host.Services.GetRequiredService<ExecutionCounters>();
            var described = database.Describe();
            RunLog.Running(log, described);
            try
            {
                await host.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by Ctrl+C or SIGTERM: the host finished or rolled back the batch in hand.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A service failed beyond its own recovery; nothing is half-written (batches are transactions). Exit
                // non-zero so that the supervisor (compose, systemd) restarts the process.
                RunLog.Crashed(log, e);
                return ExitCodes.Failure;
            }

            var finished = counters.Finished;
            RunLog.Stopped(log, finished);
            return ExitCodes.Success;
        });
        return command;
    }

    private static ResiliencePipeline StartupRetry(ILogger log) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => TransientErrors.IsTransient(e) || e is Trading.Data.Migrations.MigrationException { InnerException: { } inner } && TransientErrors.IsTransient(inner)),
            MaxRetryAttempts = 30,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            OnRetry = args =>
            {
                RunLog.StartupRetry(log, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();
}
