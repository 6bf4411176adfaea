using System.Net;
using System.Net.Sockets;
using ModelContextProtocol.Client;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Mcp;

/// <summary>`trading mcp --http`: the same tools over streamable HTTP, behind a bearer token when one is configured.</summary>
public sealed class McpHttpTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Http_WithToken_ToolsAnsweredAsTheLogin_WithoutOrWithAWrongTokenRefused()
    {
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, fixture.Database, "trading_agent");
        await fixture.Database.ExecuteAsync("INSERT INTO accounts (account, initial_capital, cash) VALUES ('http-mcp', 1000, 1000)");
        await agent.GrantAsync("http-mcp");
        var url = $"http://127.0.0.1:{FreePort()}";
        using var server = TradingProcess.Start(agent.ConnectionString, new Dictionary<string, string> { ["Mcp__Token"] = "s3cret-token" }, "mcp", "--http", url);
        await WaitForAsync(server, "MCP server on ");

        await using var client = await ConnectAsync(url, "s3cret-token");
        var tools = await client.ListToolsAsync();
        var portfolio = await client.CallToolAsync("portfolio", new Dictionary<string, object?> { ["account"] = "http-mcp" });

        Assert.Contains(tools, t => t.Name == "decide");
        Assert.NotEqual(true, portfolio.IsError);
        Assert.Contains("http-mcp", System.Text.Json.JsonSerializer.Serialize(portfolio.Content), StringComparison.Ordinal);
        Assert.Contains($"as login {agent.Name}", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", server.Output, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(url, null));
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(url, "wrong"));
    }

    [Fact]
    public async Task Http_ExposedAddressWithoutToken_RefusedBeforeServing()
    {
        var (exit, output) = await TradingProcess.RunAsync(fixture.Database.ConnectionString, "mcp", "--http", $"http://0.0.0.0:{FreePort()}");

        Assert.Equal(2, exit);
        Assert.Contains("without a token: anyone who reaches it would act as this login", output, StringComparison.Ordinal);
    }

    private static async Task<McpClient> ConnectAsync(string url, string? token)
    {
        var options = new HttpClientTransportOptions { Endpoint = new Uri(url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp };
        if (token is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await McpClient.CreateAsync(new HttpClientTransport(options), cancellationToken: timeout.Token);
    }

    private static async Task WaitForAsync(TradingProcess process, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!process.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !process.HasExited, $"not seen within 60 s: {text}\n{process.Output}");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
