using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Npgsql;
using Trading.Orchestrator.Backtests;
using Trading.Orchestrator.Comparisons;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// The MCP server over stdio (stdin/stdout carry JSON-RPC and nothing else; logs go to stderr, as everywhere in this
/// binary; it stops when the client closes stdin or the process is signalled), or over streamable HTTP with --http.
/// Either way it is one login: whoever reaches it acts as that login, so HTTP binds to loopback unless a bearer token
/// (Mcp:Token, e.g. the environment variable Mcp__Token) guards it.
/// </summary>
public static partial class McpServerHost
{
    private const string Instructions = """
        Paper trading through PostgreSQL, as this login. Send decisions with `decide` (use `wait` to get the outcome);
        read `portfolio`, `trades`, `performance` and `quote`; run strategies with `start_paper`, `paper_status`,
        `stop_paper` and `compare`. Nothing executes unless the orchestrator (`trading run`) is running. Amounts are in
        the account's currency; errors carry the database's reason. The resource trading://docs/sql-contract explains
        decisions, sizing and prices.
        """;

    /// <summary>Tool results in the spelling of the SQL contract: status_reason, order_id, win_rate.</summary>
    public static readonly JsonSerializerOptions Json = new(McpJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task RunAsync(NpgsqlDataSource dataSource, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var agent = await AgentDatabase.ConnectAsync(dataSource, cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder.Logging, configuration);
        builder.Services.AddSingleton(agent);
        builder.Services.AddSingleton<IBacktestForSession>(new SessionBacktest(TimeProvider.System));
        AddTools(builder.Services.AddMcpServer(Options).WithStdioServerTransport());
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpServerHost));
        LogServing(logger, "stdio", agent.Login, agent.CanReadFills);
        await host.RunAsync(cancellationToken);
    }

    /// <summary>Streamable HTTP on <paramref name="url"/> (the endpoint is /mcp), refused on a non-loopback address without a token.</summary>
    public static async Task RunHttpAsync(NpgsqlDataSource dataSource, IConfiguration configuration, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(url);
        var token = configuration["Mcp:Token"];
        if (string.IsNullOrEmpty(token) && !url.IsLoopback)
        {
            throw new McpSetupException(
                $"refusing to serve {url} without a token: anyone who reaches it would act as this login. Set Mcp__Token, or bind to 127.0.0.1.");
        }

        var agent = await AgentDatabase.ConnectAsync(dataSource, cancellationToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        Configure(builder.Logging, configuration);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        builder.Services.AddSingleton(agent);
        builder.Services.AddSingleton<IBacktestForSession>(new SessionBacktest(TimeProvider.System));
        AddTools(builder.Services.AddMcpServer(Options).WithHttpTransport());
        await using var app = builder.Build();
        if (!string.IsNullOrEmpty(token))
        {
            var expected = Encoding.UTF8.GetBytes("Bearer " + token);
            app.Use(async (context, next) =>
            {
                var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
                if (!CryptographicOperations.FixedTimeEquals(given, expected))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }

                await next(context);
            });
        }

        app.MapMcp("/mcp");
        await app.StartAsync(cancellationToken);
        var endpoint = new Uri(url, "/mcp").ToString();
        LogServing(app.Logger, endpoint, agent.Login, agent.CanReadFills);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or a signal: stop serving.
        }

        await app.StopAsync(CancellationToken.None);
    }

    private static void Options(McpServerOptions options)
    {
        options.ServerInfo = new Implementation
        {
            Name = "trading",
            Version = typeof(McpServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
        };
        options.ServerInstructions = Instructions;
    }

    private static void Configure(ILoggingBuilder logging, IConfiguration configuration) =>
        logging.AddSafeConsole()
            .AddConfiguration(configuration.GetSection("Logging"))
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Npgsql", LogLevel.Warning);

    private static void AddTools(IMcpServerBuilder server) =>
        server
            .WithRequestFilters(f => f.AddCallToolFilter(ArgumentErrors.Filter))
            .WithTools<DecisionTools>(Json)
            .WithTools<CancelTool>(Json)
            .WithTools<AccountTools>(Json)
            .WithTools<PerformanceTool>(Json)
            .WithTools<StrategyTools>(Json)
            .WithResources<TradingResources>();

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server on {Transport} as login {Login} (fill figures readable: {CanReadFills})")]
    private static partial void LogServing(ILogger logger, string transport, string login, bool canReadFills);
}
