using System.Text.Json;
using Trading.Orchestrator.Tests.Infrastructure;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>Runs the real `trading` executable and reads its --json output.</summary>
public static class CliRun
{
    public static Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] arguments) =>
        TradingProcess.RunAsync(connectionString, arguments);

    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = TradingProcess.Start(connectionString, environment, arguments);
        return (await process.WaitForExitAsync(TimeSpan.FromMinutes(2)), process.Output);
    }

    /// <summary>The JSON document in the output (stdout and stderr are merged by the harness; JSON starts at the first bracket).</summary>
    public static JsonElement Json(string output)
    {
        var start = output.IndexOfAny(['{', '[']);
        Assert.True(start >= 0, $"no JSON in: {output}");
        using var document = JsonDocument.Parse(output[start..]);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Runs a command that must be refused as bad arguments: exit 2, the message in the output, and the rows counted by
    /// <paramref name="countSql"/> unchanged.
    /// </summary>
    public static async Task AssertBadArgumentsAsync(TestDatabase database, string countSql, string message, params string[] arguments)
    {
        var before = await database.ScalarAsync<long>(countSql);

        var (exit, output) = await RunAsync(database.ConnectionString, arguments);

        Assert.True(exit == 2, output);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Equal(before, await database.ScalarAsync<long>(countSql));
    }
}
