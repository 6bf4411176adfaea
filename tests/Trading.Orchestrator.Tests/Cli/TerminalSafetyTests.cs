using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>
/// Agent text reaches the operator's terminal escaped: an agent or reasoning holding escape sequences (retitle, clear the
/// screen), a bell, line breaks or bidirectional overrides is printed as visible escapes, in tables and in messages.
/// </summary>
public sealed class TerminalSafetyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Hostile = "E'\\x1b]0;pwned\\x07\\x1b[2J\\u202Eevil\\nforged line'";

    [Fact]
    public async Task Decisions_HostileAgentText_PrintedAsVisibleEscapes()
    {
        var db = fixture.Database;
        await db.ExecuteAsync($"""
            INSERT INTO trading_decisions (symbol, decision, confidence, agent, reasoning)
            VALUES ('BTC/USDT', 'BUY', 0.9, {Hostile}, {Hostile})
            """);

        var (exit, output) = await CliRun.RunAsync(db.ConnectionString, "decisions");

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\u202E', output);
        Assert.Contains("\\x1B]0;pwned\\x07\\x1B[2J\\u202Eevil\\x0Aforged line", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_Json_KeepsTheTextAsData()
    {
        var db = fixture.Database;
        await db.ExecuteAsync($"""
            INSERT INTO trading_decisions (symbol, decision, confidence, agent)
            VALUES ('BTC/USDT', 'BUY', 0.9, {Hostile})
            """);

        var (exit, output) = await CliRun.RunAsync(db.ConnectionString, "decisions", "--json");

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', output); // JSON escapes it as \u001B: data for a program, inert on a terminal
        Assert.Contains(CliRun.Json(output).EnumerateArray(), d => d.GetProperty("agent").GetString() == "\u001b]0;pwned\u0007\u001b[2J\u202Eevil\nforged line");
    }
}
