using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using Trading.Data.MarketData;
using Trading.Orchestrator.Feeds;
using Trading.Orchestrator.Execution;
using Trading.Orchestrator.Strategies;
using Trading.Orchestrator.Jobs;

namespace Trading.Orchestrator.Hosting;

/// <summary>The long-running host of `trading run` (and the demo): execution loops, LISTEN, Quartz ticks.</summary>
public static class OrchestratorHost
{
    public static IHost Build(Database database, IConfiguration configuration, Action<IServiceCollection>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSafeConsole()
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddFilter("Quartz", LogLevel.Warning)
            .AddFilter("Npgsql", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning);

        var services = builder.Services;
        services.AddOptions<OrchestratorOptions>()
            .Bind(configuration.GetSection(OrchestratorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = configuration.GetSection(OrchestratorOptions.Section).Get<OrchestratorOptions>() ?? new OrchestratorOptions();

        services.AddSingleton(database.DataSource);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WorkSignal>();
        services.AddKeyedSingleton<WorkSignal>(StrategyRunner.SignalKey);
        services.AddSingleton<ExecutionCounters>();
        services.AddSingleton<DecisionExecutor>();
        services.AddHostedService<NotificationListener>();
        services.AddHostedService<ExecutionWorker>();
        services.AddOptions<StrategyOptions>()
            .Bind(configuration.GetSection(StrategyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configuration.GetSection(StrategyOptions.Section).Get<StrategyOptions>() is not { Enabled: false })
        {
            services.AddHostedService<StrategyRunner>();
        }

        services.AddQuartz(q =>
        {
            var poll = new JobKey("poll");
            q.AddJob<PollJob>(j => j.WithIdentity(poll)).AddTrigger(t => t.ForJob(poll).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.PollInterval).RepeatForever()));
            var mark = new JobKey("mark-to-market");
            q.AddJob<MarkToMarketJob>(j => j.WithIdentity(mark)).AddTrigger(t => t.ForJob(mark).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.SnapshotInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        AddFeed(services, configuration.GetSection(FeedOptions.Section).Get<FeedOptions>() ?? new FeedOptions());
        extra?.Invoke(services);
        return builder.Build();
    }

    /// <summary>The in-process price source Feed:Mode asks for; every feed writes through the one ingestion path.</summary>
    private static void AddFeed(IServiceCollection services, FeedOptions feed)
    {
        switch (feed.Mode.ToUpperInvariant())
        {
            case "NONE":
                return;
            case "SIMULATED":
                var options = new SimulatedFeedOptions
                {
                    Seed = feed.Seed,
                    Interval = feed.Interval,
                    Depth = feed.DepthLevels > 0 ? new Engine.Liquidity.DepthSettings(feed.DepthLevels) : null,
                };
                options.Validate();
                services.AddSingleton(sp => new QuoteIngestor(sp.GetRequiredService<NpgsqlDataSource>(),
                    new QuoteIngestorOptions { Source = "simulated" }, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QuoteIngestor>>()));
                services.AddSingleton<IQuoteFeed>(sp => new SimulatedFeed(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SimulatedFeed>>()));
                services.AddHostedService<QuoteFeedService>();
                return;
            default:
                throw new InvalidOperationException($"Feed:Mode is '{feed.Mode}'; expected 'none' or 'simulated'.");
        }
    }
}
