namespace Trading.Orchestrator.Mcp;

/// <summary>`trading mcp` was asked to serve in a way it refuses (an exposed address without a token).</summary>
public sealed class McpSetupException(string message) : Exception(message);
