using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Comparisons;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Npgsql;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// The MCP server over stdio: stdin/stdout carry JSON-RPC and nothing else (logs go to stderr, as everywhere in this
/// binary); it stops when the client closes stdin or the process is signalled.
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
        builder.Logging.AddSafeConsole()
            .AddConfiguration(configuration.GetSection("Logging"))
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Npgsql", LogLevel.Warning);
        builder.Services.AddSingleton(agent);
        builder.Services.AddSingleton<IBacktestForSession, NoBacktestEngine>();
        builder.Services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation
                {
                    Name = "trading",
                    Version = typeof(McpServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
                };
                o.ServerInstructions = Instructions;
            })
            .WithStdioServerTransport()
            .WithRequestFilters(f => f.AddCallToolFilter(ArgumentErrors.Filter))
            .WithTools<DecisionTools>(Json)
            .WithTools<CancelTool>(Json)
            .WithTools<AccountTools>(Json)
            .WithTools<PerformanceTool>(Json)
            .WithTools<StrategyTools>(Json)
            .WithResources<TradingResources>();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpServerHost));
        LogServing(logger, agent.Login, agent.CanReadFills);
        await host.RunAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server on stdio as login {Login} (fill figures readable: {CanReadFills})")]
    private static partial void LogServing(ILogger logger, string login, bool canReadFills);
}
