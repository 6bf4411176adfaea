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
            "Serve the Model Context Protocol on stdin/stdout (or streamable HTTP with --http) for an LLM agent (tools: decide, cancel, get_decision, portfolio, " +
            "trades, performance, quote, start_paper, paper_status, stop_paper, compare). Give it the agent's own login: it " +
            "never connects as anyone else, and without a configured database it uses the embedded one as its superuser.");
        var http = new Option<string?>("--http")
        {
            Description = "Serve streamable HTTP at this address (endpoint /mcp), e.g. http://127.0.0.1:8765, instead of stdio. A " +
                "non-loopback address needs a bearer token in Mcp__Token: whoever reaches the server acts as its login.",
        };
        command.Options.Add(http);
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "mcp", async database =>
        {
            if (parse.GetValue(http) is not { } address)
            {
                await McpServerHost.RunAsync(database.DataSource, configuration, cancellationToken);
                return ExitCodes.Success;
            }

            if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
            {
                return CliOutput.Error("mcp", $"--http needs an absolute http:// address (TLS belongs to a proxy in front), got {address}",
                    ExitCodes.BadArguments);
            }

            try
            {
                await McpServerHost.RunHttpAsync(database.DataSource, configuration, url, cancellationToken);
                return ExitCodes.Success;
            }
            catch (McpSetupException e)
            {
                return CliOutput.Error("mcp", e.Message, ExitCodes.BadArguments);
            }
        }, cancellationToken));
        return command;
    }
}
