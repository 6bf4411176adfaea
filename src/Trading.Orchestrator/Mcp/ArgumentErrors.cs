using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// Arguments that do not bind (a required one missing, a string where a number belongs) fail before a tool runs, and the
/// SDK would answer only "An error occurred invoking 'decide'". The binder's message names the argument and is safe to
/// show (it holds no data but the caller's own), so the model is told what to fix.
/// </summary>
public static class ArgumentErrors
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
            {
                return new CallToolResult
                {
                    IsError = true,
                    Content = [new TextContentBlock { Text = $"invalid arguments for '{context.Params?.Name}': {e.Message}" }],
                };
            }
        };
}
