using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;

namespace Trading.Orchestrator.Tests.Mcp;

/// <summary>
/// The real `trading mcp` in a child process, driven by the SDK's client over stdio, configured the way the README tells
/// an MCP client to: ConnectionStrings__Trading without the password, and PGPASSWORD beside it.
/// </summary>
public sealed class McpSession : IAsyncDisposable
{
    private readonly StringBuilder stderr = new();

    private McpSession()
    {
    }

    public McpClient Client { get; private set; } = null!;

    /// <summary>What the server wrote to stderr (its logs): everything it wrote that was not protocol.</summary>
    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public static async Task<McpSession> StartAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string?> { ["PGPASSWORD"] = builder.Password };
        builder.Password = null;
        environment["ConnectionStrings__Trading"] = builder.ConnectionString;
        var session = new McpSession();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "trading",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "trading.dll"), "mcp"],
            EnvironmentVariables = environment,
            StandardErrorLines = line =>
            {
                lock (session.stderr)
                {
                    session.stderr.AppendLine(line);
                }
            },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        session.Client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        return session;
    }

    public async Task<CallToolResult> CallAsync(string tool, object? arguments = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        return await Client.CallToolAsync(tool, values, cancellationToken: timeout.Token);
    }

    /// <summary>A tool's successful result as JSON; fails with the tool's error text and the server's stderr otherwise.</summary>
    public async Task<JsonElement> CallOkAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        Assert.False(result.IsError == true, $"{tool} failed: {Text(result)}\n{Stderr}");
        return JsonDocument.Parse(Text(result)).RootElement.Clone();
    }

    /// <summary>A tool's error text; fails when the call succeeded.</summary>
    public async Task<string> CallErrorAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        Assert.True(result.IsError == true, $"{tool} did not fail: {Text(result)}");
        return Text(result);
    }

    public static string Text(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }
    }
}
