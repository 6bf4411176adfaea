using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Mcp;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading mcp`: an MCP server over stdio for LLM agents, connected as the agent's own login (--connection,
/// ConnectionStrings__Trading, PGPASSWORD like every command), so what it may see and trade is the database's decision.
/// </summary>
public static class McpCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("mcp",
            "Serve the Model Context Protocol on stdin/stdout for an LLM agent (tools: decide, cancel, get_decision, portfolio, " +
            "trades, performance, quote, start_paper, paper_status, stop_paper, compare). Give it the agent's own login: it " +
            "never connects as anyone else, and without a configured database it uses the embedded one as its superuser.");
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "mcp", async database =>
        {
            await McpServerHost.RunAsync(database.DataSource, configuration, cancellationToken);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
